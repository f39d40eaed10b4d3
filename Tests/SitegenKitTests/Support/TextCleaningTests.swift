import Testing
@testable import SitegenKit

@Suite struct TextCleaningTests {
    /// Every control character goes, whatever surrounds it; the characters whose UTF-8 shares a
    /// first byte with one (full-width forms, U+00A0, U+FFFD) stay.
    @Test(arguments: ["\u{1}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{FFFE}", "\u{FFFF}"])
    func controlCharactersAreDropped(control: String) {
        let text = "第一段，有全角逗号。\u{A0}\u{FFFD}Ａ"
        #expect((text + control).withoutControlCharacters == text)
        #expect((control + text + control + "\n\t").withoutControlCharacters == text + "\n\t")
        #expect(("甲" + control + "乙").withoutControlCharacters == "甲乙")
    }

    @Test func textWithoutControlsIsReturnedAsItIs() {
        for text in ["", "\r\n\t", "全角，。！（）", "\u{A0}\u{A1}\u{FF}", "\u{FFFD}\u{FFEF}\u{FEFF}", "𠀀😀"] {
            #expect(text.withoutControlCharacters == text)
        }
    }
}
