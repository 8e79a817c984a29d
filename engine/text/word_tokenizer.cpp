#include "engine/text/word_tokenizer.h"

#include "engine/text/unicode_tables.h"
#include "engine/text/utf8.h"

#include <algorithm>
#include <array>

namespace dslab::text {

namespace {

// 1 for the ASCII bytes that are word characters: [0-9A-Za-z_].
constexpr std::array<unsigned char, 128> kAsciiWord = [] {
    std::array<unsigned char, 128> t{};
    for (int c = '0'; c <= '9'; ++c)
        t[static_cast<std::size_t>(c)] = 1;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[static_cast<std::size_t>(c)] = 1;
    for (int c = 'a'; c <= 'z'; ++c)
        t[static_cast<std::size_t>(c)] = 1;
    t['_'] = 1;
    return t;
}();

}  // namespace

bool isWordCharacter(char32_t cp)
{
    if (cp < 0x80)
        return kAsciiWord[cp] != 0;
    const auto& ranges = wordCharacterRanges();
    // First range whose last code point is >= cp; cp is inside it when first <= cp.
    auto it = std::lower_bound(ranges.begin(), ranges.end(), cp,
                               [](const CodePointRange& r, char32_t v) { return r.last < v; });
    return it != ranges.end() && it->first <= cp;
}

void tokenizeWords(std::string_view text, std::vector<std::string_view>& tokens, int minLength)
{
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        // Skip separators.
        std::size_t start = i;
        bool inWord = false;
        while (i < n) {
            const auto b = static_cast<unsigned char>(text[i]);
            if (b < 0x80) {
                if (kAsciiWord[b]) {
                    inWord = true;
                    break;
                }
                ++i;
                continue;
            }
            const DecodedCodePoint d = decodeUtf8(text, i);
            if (d.valid && isWordCharacter(d.value)) {
                inWord = true;
                break;
            }
            i += static_cast<std::size_t>(d.length);
        }
        if (!inWord)
            break;
        // Consume the run of word characters, counting code points.
        start = i;
        int codePoints = 0;
        while (i < n) {
            const auto b = static_cast<unsigned char>(text[i]);
            if (b < 0x80) {
                if (!kAsciiWord[b])
                    break;
                ++i;
                ++codePoints;
                continue;
            }
            const DecodedCodePoint d = decodeUtf8(text, i);
            if (!d.valid || !isWordCharacter(d.value))
                break;
            i += static_cast<std::size_t>(d.length);
            ++codePoints;
        }
        if (codePoints >= minLength)
            tokens.push_back(text.substr(start, i - start));
    }
}

std::vector<std::string_view> tokenizeWords(std::string_view text)
{
    std::vector<std::string_view> tokens;
    tokenizeWords(text, tokens);
    return tokens;
}

}  // namespace dslab::text
