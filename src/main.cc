#include "cli.h"

int main(int argc, char** argv) { return ag::run_cli(argc, argv); }
