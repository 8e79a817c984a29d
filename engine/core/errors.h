// Typed exceptions thrown by the engine. Every message is meant to be shown
// to a learner as is: it says what is wrong and, where possible, what to do.
#pragma once

#include <stdexcept>
#include <string>

namespace dslab {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Malformed or unsuitable input data (CSV syntax, missing values, wrong types).
class DataError : public Error {
public:
    using Error::Error;
};

// A parameter with an unknown name, a wrong type or a value out of range.
class ParamError : public Error {
public:
    using Error::Error;
};

// predict() or transform() called before fit().
class NotFittedError : public Error {
public:
    using Error::Error;
};

// A saved file that is damaged, of an unknown kind or of a newer format version.
class FormatError : public Error {
public:
    using Error::Error;
};

// Training produced non-finite values; the message says which step and why.
class DivergenceError : public Error {
public:
    using Error::Error;
};

// Input/output failures (file cannot be opened, written or renamed).
class IoError : public Error {
public:
    using Error::Error;
};

}  // namespace dslab
