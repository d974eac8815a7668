/* fann_quality: trains a libfann net from a saved initial net and prints the test MSE.
 * Built twice by neural-bench at run time: with -lfloatfann and with -ldoublefann, so one run of
 * the harness measures FANN's float and double results on identical workloads.
 * Usage: fann_quality NET TRAIN TEST EPOCHS ALGORITHM(0-4)
 * Prints: "<train MSE of last epoch> <test MSE>" */
#include <stdio.h>
#include <stdlib.h>
#include FANN_HEADER

int main(int argc, char **argv) {
  if (argc != 6) return 2;
  struct fann *ann = fann_create_from_file(argv[1]);
  struct fann_train_data *train = fann_read_train_from_file(argv[2]);
  struct fann_train_data *test = fann_read_train_from_file(argv[3]);
  if (!ann || !train || !test) return 1;
  int epochs = atoi(argv[4]);
  fann_set_training_algorithm(ann, (enum fann_train_enum)atoi(argv[5]));
  float mse = 0;
  for (int i = 0; i < epochs; i++) mse = fann_train_epoch(ann, train);
  fann_reset_MSE(ann);
  float tmse = fann_test_data(ann, test);
  printf("%.9e %.9e\n", mse, tmse);
  fann_destroy_train(train);
  fann_destroy_train(test);
  fann_destroy(ann);
  return 0;
}
