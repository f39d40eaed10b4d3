import Foundation
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

    /// The check looks at eight bytes at a time: a control at every offset of longer text, and
    /// text that only looks like one (C2 A0, EF BC 8C, EF BF BD) across word boundaries.
    @Test(arguments: ["\u{1}", "\u{7F}", "\u{85}", "\u{FFFE}", "\u{A0}", "，", "\u{FFFD}", "\n"])
    func aCharacterIsJudgedAtEveryOffset(character: String) {
        let plain = "abc甲乙丙defg，。丁戊"
        let isControl = character.unicodeScalars.allSatisfy {
            ($0.value < 0x20 && $0.value != 0x0A) || (0x7F...0x9F).contains($0.value) || $0.value >= 0xFFFE
        }
        for cut in 0...plain.count {
            let text = String(plain.prefix(cut)) + character + String(plain.dropFirst(cut))
            #expect(text.withoutControlCharacters == (isControl ? plain : text), "at \(cut)")
        }
    }

    @Test(arguments: [
        ("2018/07/19", "2018/07"), ("2018", ""), ("1", ""), ("1/01", "1"), ("/x", "/"), ("/a/b.html", "/a"),
    ])
    func aPathsParentIsTheFolderThatHoldsIt(_ path: String, _ parent: String) {
        #expect(FileIO.parent(of: path) == parent)
    }

    @Test func textWithoutControlsIsReturnedAsItIs() {
        for text in ["", "\r\n\t", "全角，。！（）", "\u{A0}\u{A1}\u{FF}", "\u{FFFD}\u{FFEF}\u{FEFF}", "𠀀😀"] {
            #expect(text.withoutControlCharacters == text)
        }
    }
}

@Suite struct StableHashTests {
    /// Fingerprints tell inputs apart: field boundaries, trailing zero bytes, absent against empty,
    /// and every one of many short texts that differ in one byte or in length.
    @Test func nearbyInputsGetDistinctFingerprints() {
        #expect(
            StableHash.of {
                $0.combine("ab")
                $0.combine("c")
            }
                != StableHash.of {
                    $0.combine("a")
                    $0.combine("bc")
                })
        #expect(StableHash.of(bytes: [UInt8]([0x61, 0x62, 0])) != StableHash.of(bytes: [UInt8]([0x61, 0x62])))
        #expect(StableHash.of { $0.combine(String?.none) } != StableHash.of { $0.combine(String?.some("")) })
        var texts = Set<[UInt8]>()
        var digests = Set<UInt64>()
        for length in 0...17 {
            for position in 0..<max(length, 1) {
                for byte in [UInt8(0), 1, 0x61, 0xE4, 0xFF] {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    if length > 0 { bytes[position] = byte }
                    texts.insert(bytes)
                    digests.insert(StableHash.of(bytes: bytes))
                }
            }
        }
        #expect(texts.count > 500 && digests.count == texts.count)
        // The same in every process (unlike Swift's seeded Hasher): a fixed input, a fixed digest.
        let digest = StableHash.of {
            $0.combine("迪庆日报")
            $0.combine(2018)
        }
        #expect(digest == 9_087_490_462_636_787_267, "\(digest)")
    }

    /// Fingerprints fold words in one step (`mix`) and texts as a digest of their words
    /// (`combineWords`): each tells nearby inputs apart, and is the same in every process.
    @Test func foldedWordsAndTextsGetDistinctFingerprints() {
        let words: [UInt64] = [0, 1, 2, 255, 256, 1 << 32, .max]
        #expect(Set(words.map { word in StableHash.of { $0.mix(word) } }).count == words.count)
        // Absent differs from empty and from every text.
        let texts: [String?] = [nil, "", "a", "b", "ab", "ba", "迪庆日报", "迪庆日報", "12345678", "123456789"]
        #expect(Set(texts.map { text in StableHash.of { $0.combineWords(text) } }).count == texts.count)
        #expect(StableHash.of { $0.combineWords(["ab", "c"]) } != StableHash.of { $0.combineWords(["a", "bc"]) })
        // A text made from a slice digests as the same text written out does.
        let sliced = String("迪庆日报的记者"[...])
        #expect(StableHash.of { $0.combineWords(sliced) } == StableHash.of { $0.combineWords("迪庆日报的记者") })
        let digest = StableHash.of {
            $0.combineWords("迪庆日报")
            $0.mix(2018)
        }
        #expect(digest == 2_477_734_367_820_510_151, "\(digest)")
    }
}

@Suite struct ParallelMapTests {
    /// Results come back in the items' order, each item transformed once, however uneven the
    /// items' costs and however many there are per core.
    @Test(arguments: [2, 3, 127, 5000])
    func resultsKeepTheItemsOrder(count: Int) {
        let calls = CallCounter(count)
        let results = parallelMap(Array(0..<count)) { item -> String in
            calls.called(item)
            if item % 7 == 0 { usleep(200) }  // uneven: some items cost more
            return "item \(item)"
        }
        #expect(results == (0..<count).map { "item \($0)" })
        #expect(calls.counts == Array(repeating: 1, count: count))
    }

    /// Runs cover the items once each, in order, with no empty run, from one item to thousands.
    @Test(arguments: [0, 1, 255, 256, 257, 20_773])
    func runsCoverTheItemsInOrder(count: Int) {
        let runs = parallelRuns(Array(0..<count)) { Array($0) }
        #expect(runs.flatMap { $0 } == Array(0..<count))
        #expect(count == 0 || runs.allSatisfy { !$0.isEmpty })
        #expect(runs.count <= max(1, count / 256))
    }

    final class CallCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [Int]
        init(_ count: Int) { calls = Array(repeating: 0, count: count) }
        var counts: [Int] { lock.withLock { calls } }
        func called(_ item: Int) { lock.withLock { calls[item] += 1 } }
    }
}
