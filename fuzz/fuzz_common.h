// Helpers shared by the emitter fuzz targets: text generation from the fuzz input and an
// independent UTF-8 check (deliberately not src/utf8.h, so the two can disagree).
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <fuzzer/FuzzedDataProvider.h>

namespace fuzz {

[[noreturn]] inline void finding(const char* target, const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", target, what.c_str());
  std::abort();
}

// Decodes the code point at s[i], advancing i; returns false on ill-formed UTF-8
// (overlong forms, surrogates, > U+10FFFF, bad or missing continuation bytes).
inline bool next_code_point(std::string_view s, std::size_t& i, char32_t& cp) {
  const unsigned b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    ++i;
    return true;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return false;
  }
  if (s.size() - i < n) return false;
  for (std::size_t k = 1; k < n; ++k) {
    const unsigned b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  i += n;
  return true;
}

inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  char32_t cp = 0;
  while (i < s.size()) {
    if (!next_code_point(s, i, cp)) return false;
  }
  return true;
}

inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Code points that quoting, escaping and comment writing treat specially somewhere.
inline constexpr std::array<char32_t, 48> kInteresting = {
    0x00, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, ' ',  '"',
    '\\', '#',  ':',  '-',  '?',  '{',  '}',  '[',  ']',  ',',  '&',  '*',
    '!',  '|',  '>',  '\'', '%',  '@',  '`',  '$',  '~',  '.',  0x7F, 0x80,
    0x85, 0x9F, 0xA0, 0x2028, 0x2029, 0x202E, 0xFEFF, 0xFFFE, 0xFFFF, 0x10FFFF, 0xE000, 0x1F600};

// Text from the input in one of several shapes; `words` are whole strings worth trying.
template <std::size_t N>
std::string text(FuzzedDataProvider& in, const std::array<std::string_view, N>& words) {
  switch (in.ConsumeIntegralInRange<int>(0, 4)) {
    case 0:  // raw bytes, possibly ill-formed UTF-8
      return in.ConsumeRandomLengthString(48);
    case 1: {  // well-formed UTF-8 built from code points
      std::string out;
      const int n = in.ConsumeIntegralInRange<int>(0, 12);
      for (int k = 0; k < n; ++k) {
        const int shape = in.ConsumeIntegralInRange<int>(0, 3);
        char32_t cp = 0;
        if (shape == 0) {
          cp = kInteresting[in.ConsumeIntegralInRange<std::size_t>(0, kInteresting.size() - 1)];
        } else if (shape == 1) {
          cp = in.ConsumeIntegralInRange<char32_t>(0x20, 0x7E);
        } else {
          cp = in.ConsumeIntegralInRange<char32_t>(0, 0x10FFFF);
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
        }
        append_utf8(out, cp);
      }
      return out;
    }
    case 2:
      return std::string(words[in.ConsumeIntegralInRange<std::size_t>(0, N - 1)]);
    case 3: {  // a word with a suffix: "yes:", "Ref x", "a${b}"
      std::string out(words[in.ConsumeIntegralInRange<std::size_t>(0, N - 1)]);
      return out + in.ConsumeRandomLengthString(8);
    }
    default: {  // long runs around length limits (YAML's 1024-character implicit keys)
      std::string unit;
      append_utf8(unit, in.ConsumeBool() ? char32_t{'a'}
                                         : kInteresting[in.ConsumeIntegralInRange<std::size_t>(
                                               0, kInteresting.size() - 1)]);
      const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(1000, 1100);
      std::string out;
      for (std::size_t k = 0; k < count; ++k) out += unit;
      return out;
    }
  }
}

}  // namespace fuzz
