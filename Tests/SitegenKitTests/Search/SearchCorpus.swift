import Foundation

@testable import SitegenKit

/// A made-up archive whose few characters recur everywhere, so phrases cross fields, blocks and
/// postings files all the time, and the test's own reading of the search rules to check answers by.
enum SearchCorpus {
    /// Full-width and half-width forms, CJK punctuation and Latin case side by side.
    static let alphabet = Array("花椒之乡的党建ABab12 ，,。.、ＢＣｃ２“”")
    static let authors = ["陈义", "和丽", "Li Na"]
    static let pageNames = ["头版", "要闻", "综合"]

    /// `count` articles, one per day from 2018-01-01, pages 1–3; deterministic.
    static func files(count: Int, seed: UInt64 = 7) -> [String: String] {
        var random = Generator(state: seed)
        var files: [String: String] = [:]
        for number in 0..<count {
            let year = 2018 + number / 336
            let month = 1 + (number / 28) % 12
            let day = 1 + number % 28
            let page = 1 + number % 3
            var front = "title: \"\(random.text(2...8))\"\n"
            if random.next(4) == 0 { front += "kicker: \"\(random.text(2...6))\"\n" }
            if random.next(4) == 0 { front += "subtitle: \"\(random.text(2...6))\"\n" }
            let names = (0..<random.next(3)).map { _ in authors[random.next(authors.count)] }
            if !names.isEmpty { front += "authors:\n" + names.map { "  - \($0)\n" }.joined() }
            front += "page_name: \(pageNames[page - 1])\n"
            let body = (0...random.next(4)).map { _ in random.text(5...60) }.joined(separator: "\n\n")
            let date = String(format: "%04d-%02d-%02d", year, month, day)
            files[String(format: "%04d/%02d/%02d/%02d/01.md", year, month, day, page)] =
                "---\n\(front)date: \(date)\npage: \(page)\nposition: 1\n---\n\n\(body)\n"
        }
        return files
    }

    /// Loads `content` and writes only the search index into `site` with small blocks.
    @discardableResult
    static func index(_ content: URL, into site: URL, blockSize: Int) throws -> Archive {
        let loaded = try ContentLoader(root: content, displayRoot: "Content").load()
        let archive = Archive(articles: loaded.articles, listings: loaded.listings, site: loaded.site)
        _ = try SearchIndexWriter(archive: archive, blockSize: blockSize).write(to: site)
        return archive
    }

    // MARK: The rules, read independently of SearchText

    static let folds: [Character: Character] = [
        "，": ",", "。": ".", "、": ",", "“": "\"", "”": "\"", "Ｂ": "b", "Ｃ": "c", "ｃ": "c", "２": "2",
        "Ａ": "a", "ａ": "a", "１": "1", "（": "(", "）": ")", "！": "!", "【": "[", "】": "]", "\u{3000}": " ",
    ]

    static func fold(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{3000}" || $0 == "\t" })
        return String(
            words.joined(separator: " ").map { character -> Character in
                if let folded = folds[character] { return folded }
                return character.isASCII ? Character(character.lowercased()) : character
            })
    }

    /// The article's fields as a reader sees them (the corpus bodies are plain paragraphs).
    static func fields(_ article: Article) -> [String] {
        [article.title, article.kicker, article.subtitle].compactMap { $0 } + article.authors
            + article.body.components(separatedBy: "\n\n")
    }

    /// The articles (by number) one of whose fields contains the query.
    static func truth(_ archive: Archive, _ query: String) -> Set<Int> {
        let phrase = fold(query)
        guard !phrase.isEmpty else { return [] }
        return Set(
            archive.articles.indices.filter { index in
                fields(archive.articles[index]).contains { fold($0).contains(phrase) }
            })
    }

    /// xorshift: the same corpus on every machine.
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }

        mutating func text(_ lengths: ClosedRange<Int>) -> String {
            let length = lengths.lowerBound + next(lengths.count)
            var text = String((0..<length).map { _ in alphabet[next(alphabet.count)] })
            // YAML and Markdown trim the ends; the rules collapse inner runs of spaces.
            text = text.trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? "花" : text
        }
    }
}
