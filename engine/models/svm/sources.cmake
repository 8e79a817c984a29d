list(APPEND DSLAB_ENGINE_SOURCES
  models/svm/svm_kernel.cpp
  models/svm/smo_solver.cpp
  models/svm/svc.cpp
)
