/**
 * Learning on top of the layers and the optimizers: the training loop of the labs
 * ({@link dlmath.learn.Training}).
 */
package dlmath.learn;
