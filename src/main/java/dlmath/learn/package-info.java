/**
 * Learning on top of the layers and the optimizers: the training loop of the labs
 * ({@link dlmath.learn.Training}), and the statistics of the first lab: standardization
 * ({@link dlmath.learn.Standardizer}), one-hot encoding ({@link dlmath.learn.OneHotEncoder}), SMOTE
 * ({@link dlmath.learn.Smote}), logistic regression ({@link dlmath.learn.LogisticRegression}), ridge
 * regression ({@link dlmath.learn.Ridge}), classification metrics ({@link dlmath.learn.Metrics}) and
 * the breast-cancer table ({@link dlmath.learn.Tables}); PCA is {@link dlmath.linalg.Pca}.
 */
package dlmath.learn;
