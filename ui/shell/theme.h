// Light and dark looks. "System" keeps the platform's palette (Qt 6.4 has no
// colour-scheme query, so following the system means not overriding it).
#pragma once

#include <QString>

namespace dslab {

enum class Theme { System, Light, Dark };

Theme themeFromName(const QString& name);
QString themeName(Theme theme);
// Applies the palette to the whole application.
void applyTheme(Theme theme);
// True when the current application palette has a dark background.
bool isDarkPalette();

}  // namespace dslab
