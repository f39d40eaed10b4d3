import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// Arbitrary bytes never crash ingest: the samples, mutated at random (fixed seed), go through
/// the parser, and whatever it takes from them writes a file the loader reads back.
@Suite struct IngestFuzzTests {
    /// SplitMix64: small, seedable, the same sequence on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
    }

    static let samples = [
        "dqrb-2018-07-19-p03-dangjian.txt", "gzrb-2024-09-12.txt", "gmrb-2012-10-27.txt", "glrb-2025-07-14.txt",
        "ljdb-2026-02-15.txt", "zswb-2025-12-18.txt", "kjrb-2023-02-10-node_2.htm", "hbrb-2023-02-11-fragments.html",
    ]

    static func mutate(_ input: [UInt8], with random: inout Random, donors: [[UInt8]]) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.below(8)) {
            switch random.below(6) {
            case 0 where !bytes.isEmpty:  // flip bits
                bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
            case 1 where !bytes.isEmpty:  // truncate
                bytes.removeLast(random.below(bytes.count))
            case 2:  // insert random bytes
                let at = random.below(bytes.count + 1)
                bytes.insert(
                    contentsOf: (0..<(1 + random.below(16))).map { _ in UInt8(truncatingIfNeeded: random.next()) },
                    at: at)
            case 3 where !bytes.isEmpty:  // delete a range
                let start = random.below(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(64)))
            case 4:  // splice a piece of another sample
                let donor = donors[random.below(donors.count)]
                guard !donor.isEmpty else { continue }
                let start = random.below(donor.count)
                let piece = donor[start..<min(donor.count, start + 1 + random.below(400))]
                bytes.insert(contentsOf: piece, at: random.below(bytes.count + 1))
            default:  // duplicate a range
                guard !bytes.isEmpty else { continue }
                let start = random.below(bytes.count)
                let piece = Array(bytes[start..<min(bytes.count, start + 1 + random.below(200))])
                bytes.insert(contentsOf: piece, at: random.below(bytes.count + 1))
            }
        }
        return bytes
    }

    /// Line-level mutations that keep the text valid UTF-8, so they reach the parsers.
    static func mutateLines(_ input: [UInt8], with random: inout Random, donors: [[UInt8]]) -> [UInt8] {
        var lines = String(decoding: input, as: UTF8.self).components(separatedBy: "\n")
        let pieces = [
            "第3版:要闻", "上一篇 下一篇", "——副题", "◎张三", "2018年7月19日 星期四", "《 X报 》( 2025年12月18日 第 02 版 )",
            "（本报记者 甲乙、丙丁整理）", "某某 摄", "<p>", "</div>", "<!--enpproperty <title>t</title>", "\u{3000}\u{00A0}",
            "标题导航", "1. ", "---", "title: x", "\\", "\"", "：", "#", "\u{FEFF}", "\u{2028}", "\r",
        ]
        for _ in 0..<(1 + random.below(6)) {
            guard !lines.isEmpty else {
                lines = [""]
                continue
            }
            let at = random.below(lines.count)
            switch random.below(6) {
            case 0: lines.remove(at: at)
            case 1: lines.insert(lines[at], at: random.below(lines.count + 1))
            case 2: lines.swapAt(at, random.below(lines.count))
            case 3:
                let donor = String(decoding: donors[random.below(donors.count)], as: UTF8.self).components(
                    separatedBy: "\n")
                lines.insert(donor[random.below(donor.count)], at: at)
            case 4: lines[at] = String(lines[at].prefix(random.below(lines[at].count + 1)))
            default:
                var line = lines[at]
                let offset = random.below(line.count + 1)
                line.insert(
                    contentsOf: pieces[random.below(pieces.count)], at: line.index(line.startIndex, offsetBy: offset))
                lines[at] = line
            }
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    @Test func mutatedSamplesNeverCrashAndAlwaysWriteLoadableFiles() throws {
        let donors = try Self.samples.map(IngestFixtures.bytes)
        // SITEGEN_FUZZ_ITERATIONS / SITEGEN_FUZZ_SECONDS / SITEGEN_FUZZ_SEED run longer campaigns.
        let environment = ProcessInfo.processInfo.environment
        let limit = environment["SITEGEN_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 3000
        let seconds = environment["SITEGEN_FUZZ_SECONDS"].flatMap(Double.init) ?? 40
        var random = Random(state: environment["SITEGEN_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_181_907)
        let deadline = Date().addingTimeInterval(seconds)
        var iterations = 0
        var articles = 0
        var rejections = 0
        while iterations < limit, Date() < deadline {
            // The 150 KB pad file is slow in debug builds; mutate it less often.
            let pick = random.below(10) == 0 ? donors.count - 1 : random.below(donors.count - 1)
            let bytes =
                random.below(2) == 0
                ? Self.mutate(donors[pick], with: &random, donors: donors)
                : Self.mutateLines(donors[pick], with: &random, donors: donors)
            let result = IngestParser.parse(
                bytes: bytes,
                source: random.below(2) == 0 ? nil : "http://x/pc/202401/0\(random.below(9) + 1)/content_1.html")
            if result.rejection != nil { rejections += 1 }
            for scraped in result.articles {
                articles += 1
                let article = scraped.draftArticle()
                let back = try ArticleReader.read(text: ArticleFile.text(for: article), path: "fuzz.md")
                #expect(back.title == TextLine.trim(article.title).trimmingCharacters(in: .whitespacesAndNewlines))
                #expect(back.authors.count == article.authors.count)
            }
            iterations += 1
        }
        print("ingest fuzz: \(iterations) mutations, \(articles) articles read back, \(rejections) inputs rejected")
        #expect(iterations >= 500, "ran \(iterations) mutations")
        #expect(articles > 0 && rejections > 0, "the mutations reached both outcomes")
    }

    @Test func pathologicalInputs() {
        let cases: [[UInt8]] = [
            [], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF, 0x00], Array(repeating: 0x0A, count: 10000),
            Array(String(repeating: "<div>", count: 50_000).utf8),
            Array(("<html><meta charset=gbk>" + String(repeating: "<p>", count: 3000)).utf8) + [0x81, 0x30],
            Array(String(repeating: "第1版:", count: 5000).utf8),
            Array(String(repeating: "2018年7月19日", count: 3000).utf8),
            Array("<!--enpproperty <title><title><title>".utf8),
            Array(repeating: 0x80, count: 1000),
        ]
        for bytes in cases {
            _ = IngestParser.parse(bytes: bytes, source: nil)
        }
    }
}
