// The floor of a process on this machine: an empty C++ program, built like aurora-gen
// (same compiler, flags and runtime linking), against which start-up is measured.
int main() { return 0; }
