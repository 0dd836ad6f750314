// Package assets embeds the files Amiable ships inside its binary: the
// application icon and the Noto Sans fonts used on printed letters, with the
// fonts' licence. It holds data only; no package behaviour lives here.
//
// The icon is drawn by scripts/genicon; regenerate it with `make icon`.
package assets

import _ "embed"

//go:generate go run ../scripts/genicon -o icon.png

// Icon is the 512×512 PNG application icon (also named in FyneApp.toml).
//
//go:embed icon.png
var Icon []byte

// FontRegular is Noto Sans Regular (TrueType), licensed under the SIL OFL 1.1.
//
//go:embed fonts/NotoSans-Regular.ttf
var FontRegular []byte

// FontBold is Noto Sans Bold (TrueType), licensed under the SIL OFL 1.1.
//
//go:embed fonts/NotoSans-Bold.ttf
var FontBold []byte

// FontLicence is the SIL Open Font License text that must travel with the
// fonts (for example in an "À propos" dialog or a distribution folder).
//
//go:embed fonts/OFL.txt
var FontLicence string
