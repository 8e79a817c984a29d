// Minimal UTF-8 decoding and encoding for the text building blocks. A byte
// that does not start a well-formed sequence (stray continuation byte,
// truncated or overlong sequence, surrogate, > U+10FFFF) decodes as itself
// with length 1 and `valid` false: callers copy it through unchanged and
// treat it as a separator, so a damaged document never throws and never
// makes us cut a well-formed multi-byte character in two.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dslab::text {

struct DecodedCodePoint {
    char32_t value = 0;
    int length = 1;     // bytes consumed, 1..4
    bool valid = true;  // false for a malformed byte
};

DecodedCodePoint decodeUtf8(std::string_view text, std::size_t pos);
void appendUtf8(std::string& out, char32_t codePoint);

}  // namespace dslab::text
