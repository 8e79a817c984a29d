#include "engine/text/lowercase.h"

#include "engine/text/unicode_tables.h"
#include "engine/text/utf8.h"

#include <algorithm>

namespace dslab::text {

char32_t toLowerCodePoint(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    const auto& table = lowercaseMapping();
    auto it = std::lower_bound(table.begin(), table.end(), cp,
                               [](const LowercasePair& p, char32_t v) { return p.upper < v; });
    return (it != table.end() && it->upper == cp) ? it->lower : cp;
}

void toLowerUtf8(std::string_view text, std::string& out)
{
    out.clear();
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            out.push_back(static_cast<char>((b >= 'A' && b <= 'Z') ? b + 32 : b));
            ++i;
            continue;
        }
        const DecodedCodePoint d = decodeUtf8(text, i);
        if (!d.valid) {
            out.push_back(text[i]);
        } else if (d.value == 0x130) {
            out.push_back('i');  // Python: "\u0130".lower() == "i\u0307"
            appendUtf8(out, 0x307);
        } else {
            const char32_t lower = toLowerCodePoint(d.value);
            if (lower == d.value)
                out.append(text.substr(i, static_cast<std::size_t>(d.length)));
            else
                appendUtf8(out, lower);
        }
        i += static_cast<std::size_t>(d.length);
    }
}

std::string toLowerUtf8(std::string_view text)
{
    std::string out;
    toLowerUtf8(text, out);
    return out;
}

}  // namespace dslab::text
