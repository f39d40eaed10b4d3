import Foundation
import Testing

@testable import SitegenKit

/// Index and query: every answer `SearchQuery` reads from the written files is checked against a
/// scan of the articles' text.
@Suite struct SearchIndexTests {
    /// 90 articles in blocks of at most 4: every phrase's characters lie in several blocks.
    /// The scratch folder lives as long as the corpus, and the index files with it.
    struct Corpus {
        let scratch: ScratchFolder
        let archive: Archive
        let search: SearchQuery
    }

    static func corpus() throws -> Corpus {
        try corpus(SearchCorpus.files(count: 90), blockSize: 4)
    }

    /// Content files (path → text) indexed in blocks of `blockSize`.
    static func corpus(_ files: [String: String], blockSize: Int = 1000) throws -> Corpus {
        let scratch = try ScratchFolder()
        let content = try scratch.write(files, under: "Content")
        let archive = try SearchCorpus.index(content, into: scratch.path("Public"), blockSize: blockSize)
        return Corpus(scratch: scratch, archive: archive, search: try SearchQuery(site: scratch.path("Public")))
    }

    /// Articles on one page (2018/07/19, 第3版), each with a title and a body, in order, indexed.
    static func corpus(_ articles: [(title: String, body: String)]) throws -> Corpus {
        let files = Dictionary(
            uniqueKeysWithValues: articles.enumerated().map { number, article in
                (
                    "2018/07/19/03/0\(number + 1).md",
                    articleFile(title: article.title, position: "\(number + 1)", body: article.body)
                )
            })
        return try corpus(files)
    }

    /// Each query finds exactly these articles.
    static func expect(_ search: SearchQuery, finds cases: [(query: String, articles: [Int])]) {
        for (query, expected) in cases {
            #expect(search.run(query).matches.map(\.article).sorted() == expected, "query \(query)")
        }
    }

    static func articles(_ outcome: SearchQuery.Outcome) -> Set<Int> { Set(outcome.matches.map(\.article)) }

    @Test func everyPhraseFindsExactlyTheArticlesContainingIt() throws {
        let corpus = try Self.corpus()
        let (archive, search) = (corpus.archive, corpus.search)
        var random = SearchCorpus.Generator(state: 11)
        var queries: [String] = []
        // Phrases cut from the articles (so they occur), at every length from 1 to 9 …
        for _ in 0..<400 {
            let fields = SearchCorpus.fields(archive.articles[random.next(archive.articles.count)])
            let field = Array(fields[random.next(fields.count)])
            let length = 1 + random.next(min(9, field.count))
            let start = random.next(field.count - length + 1)
            queries.append(String(field[start..<(start + length)]))
        }
        // … and strings of the corpus's characters that may well occur nowhere.
        for _ in 0..<200 { queries.append(random.text(1...6)) }
        var found = 0
        for query in queries {
            let truth = SearchCorpus.truth(archive, query)
            let outcome = search.run(query)
            #expect(Self.articles(outcome) == truth, "query \(query)")
            #expect(outcome.matches.count == truth.count, "query \(query) listed an article twice")
            #expect(outcome.complete)
            found += truth.isEmpty ? 0 : 1
        }
        #expect(found > 300, "the corpus should make most phrases occur")
    }

    /// A phrase of more than `maxCharacters` distinct characters reads that many of them and
    /// checks each candidate against its record (or, with candidates in more than
    /// `maxRecordFiles` record files, reads the other characters after all): the answer is still
    /// exact, also when the characters it reads stand in place around a character that differs.
    @Test func longPhrasesAreCheckedAgainstTheRecords() throws {
        let scratch = try ScratchFolder()
        var random = SearchCorpus.Generator(state: 23)
        func text(_ count: Int) -> String {
            var text = ""
            for _ in 0..<count { text.unicodeScalars.append(Unicode.Scalar(0x4E00 + UInt32(random.next(300)))!) }
            return text
        }
        // A sentence every article repeats, and its linkedCopy with one character changed in a third of them.
        let boilerplate = "以党建引领乡村振兴持续推进基层组织标准化规范化建设"
        let linkedCopy = "以党建引领乡村振兴持续推进基础组织标准化规范化建设"
        var files: [String: String] = [:]
        for number in 0..<40 {
            let day = ArchivePath.padded(number / 4 + 1)
            let order = number % 4 + 1
            files["2018/07/\(day)/01/0\(order).md"] = articleFile(
                title: text(20), date: "2018-07-\(day)", page: "1", position: "\(order)",
                body: text(150) + "\n\n" + text(150) + "\n\n" + (number % 3 == 0 ? linkedCopy : boilerplate))
        }
        let content = try scratch.write(files, under: "Content")
        // One block of 40 articles, 10 record files.
        let archive = try SearchCorpus.index(content, into: scratch.path("Public"), blockSize: 40)
        let search = try SearchQuery(site: scratch.path("Public"))
        var long = 0
        var found = 0
        for _ in 0..<60 {
            let fields = SearchCorpus.fields(archive.articles[random.next(archive.articles.count)]).filter {
                !$0.hasPrefix("以党建")
            }
            let field = Array(fields[random.next(fields.count)])
            let length = 13 + random.next(min(28, field.count - 12))
            let start = random.next(field.count - length + 1)
            var phrase = Array(field[start..<(start + length)])
            let exact = String(phrase)
            phrase[length / 2] = phrase[length / 2] == "丁" ? "七" : "丁"  // a character the anchors do not read
            for query in [exact, String(phrase)] {
                let plan = SearchQuery.plan(SearchText.normalized(query))
                let isLong = SearchQuery.anchors(plan).count < plan.count
                long += isLong ? 1 : 0
                let truth = SearchCorpus.truth(archive, query)
                let outcome = search.run(query)
                #expect(Self.articles(outcome) == truth, "query \(query)")
                #expect(outcome.matches.count == truth.count)
                #expect(
                    truth.isEmpty || !isLong || !outcome.recordFilesRead.isEmpty,
                    "a rare long phrase is checked against records: \(query)")
                found += truth.isEmpty ? 0 : 1
            }
        }
        #expect(long > 100, "most queries should take the long-phrase path: \(long)")
        for sentence in [boilerplate, linkedCopy] {
            let outcome = search.run(sentence)
            #expect(Self.articles(outcome) == SearchCorpus.truth(archive, sentence))
            #expect(
                outcome.recordFilesRead.isEmpty,
                "candidates in every record file: the other characters are read instead")
        }
        #expect(search.run(boilerplate).matches.count == 26 && search.run(linkedCopy).matches.count == 14)
        #expect(found >= 60)
        // Occurrences and title matches as for a short phrase.
        let title = archive.articles[7].title
        #expect(search.run(title).matches.map(\.article) == [7])
        #expect(search.run(title).matches.first.map { $0.inTitle && $0.occurrences == 1 } == true)
    }

    @Test func phrasesSpanSeveralPostingsFilesAndBlocks() throws {
        let corpus = try Self.corpus()
        let (archive, search) = (corpus.archive, corpus.search)
        let outcome = search.run("椒之")
        #expect(Self.articles(outcome) == SearchCorpus.truth(archive, "椒之"))
        #expect(
            Set(outcome.matches.map { search.block(of: $0.article) }).count > 1,
            "matches should come from several blocks")
        // Each block's key directory, then the one file holding each character.
        #expect(outcome.filesRead > 3 * Set(outcome.matches.map { search.block(of: $0.article) }).count - 1)
    }

    /// A block's postings are cut into files by key order, at about `fileSize` bytes; a reader
    /// finds any key's file from the directory, whichever file it falls in.
    @Test func keysAreFoundInWhicheverFileTheyFallIn() throws {
        let scratch = try ScratchFolder()
        // One block of 60 articles with many distinct characters: several postings files.
        var files: [String: String] = [:]
        var random = SearchCorpus.Generator(state: 5)
        for number in 0..<60 {
            var body = ""
            for _ in 0..<400 { body.unicodeScalars.append(Unicode.Scalar(0x4E00 + UInt32(random.next(3000)))!) }
            files["2018/07/0\(number / 20 + 1)/01/\(ArchivePath.padded(number % 20 + 1)).md"] =
                articleFile(
                    title: "第\(number)篇", date: "2018-07-0\(number / 20 + 1)", page: "1",
                    position: "\(number % 20 + 1)",
                    extra: "authors: [作者\(number % 7)]", body: body)
        }
        let content = try scratch.write(files, under: "Content")
        let archive = try SearchCorpus.index(content, into: scratch.path("Public"), blockSize: 300)
        let search = try SearchQuery(site: scratch.path("Public"))
        let postings = try FileManager.default.contentsOfDirectory(
            atPath: scratch.path("Public/search/p/2018-07-1-0").path)
        #expect(postings.count > 5, "expected the block cut into many files: \(postings.count)")
        for value in stride(from: UInt32(0x4E00), to: 0x4E00 + 3000, by: 37) {
            let query = String(Unicode.Scalar(value)!)
            #expect(Self.articles(search.run(query)) == SearchCorpus.truth(archive, query), "query \(query)")
        }
        #expect(
            search.run("丁", filters: .init(author: "作者3")).matches.allSatisfy {
                archive.articles[$0.article].authors == ["作者3"]
            })
        #expect(search.run("鿿").matches.isEmpty && search.run("a").matches.isEmpty)
    }

    @Test func oneCharacterQueries() throws {
        let corpus = try Self.corpus()
        let (archive, search) = (corpus.archive, corpus.search)
        for query in ["花", "的", "a", "A", "Ａ", "2", "２", "，", ",", "。", "、", "\"", "“", "x", "鱼"] {
            #expect(Self.articles(search.run(query)) == SearchCorpus.truth(archive, query), "query \(query)")
        }
        #expect(search.run("鱼").matches.isEmpty)
        #expect(search.run("  ").matches.isEmpty)
    }

    @Test func fullWidthAndHalfWidthFormsAndLatinCaseMatchEachOther() throws {
        let corpus = try Self.corpus()
        let (archive, search) = (corpus.archive, corpus.search)
        for (written, typed) in [("Ab", "ａＢ"), ("2，", "２,"), ("，", ","), ("b1", "B１"), ("乡。", "乡."), ("“花", "\"花")] {
            let expected = SearchCorpus.truth(archive, written)
            #expect(Self.articles(search.run(typed)) == expected, "\(typed) should find what \(written) finds")
            #expect(Self.articles(search.run(written)) == expected)
        }
        #expect(!SearchCorpus.truth(archive, "ab").isEmpty)
    }

    @Test func mixedScriptsAndSpaces() throws {
        let corpus = try Self.corpus(
            [
                "2018/07/19/03/01.md": articleFile(
                    title: "Shangri-La 香格里拉2018年", position: "1",
                    body: "迪庆 Tibetan  Autonomous 州，GDP增长8.5%。"),
                "2018/07/19/03/02.md": articleFile(title: "别的", position: "2", body: "香格里拉 2018 年"),
            ]
        )
        let search = corpus.search
        Self.expect(
            search,
            finds: [
                ("la 香格", [0]), ("香格里拉2018", [0]), ("香格里拉 2018", [1]), ("tibetan autonomous", [0]),
                ("TIBETAN   AUTONOMOUS", [0]), ("gdp增长8.5%", [0]), ("8.5%。", [0]), ("2018", [0, 1]),
                ("庆 t", [0]), ("shangri-la", [0]),
            ])
    }

    /// Characters beyond the Basic Multilingual Plane (CJK Extension B, emoji) are indexed apart
    /// from the others (`Occurrences`), and found beside them and alone, in order.
    @Test func charactersBeyondTheBasicPlane() throws {
        let corpus = try Self.corpus([("𠀀𠀁村", "𩸽鱼 😀 香格里拉"), ("村𠀁𠀀", "😀😀")])
        let search = corpus.search
        Self.expect(
            search,
            finds: [
                ("𠀀𠀁", [0]), ("𠀁𠀀", [1]), ("𠀀", [0, 1]), ("𠀁村", [0]), ("村𠀁", [1]), ("𩸽鱼", [0]),
                ("😀😀", [1]), ("😀", [0, 1]), ("香格里拉", [0]), ("𠀀村", []),
            ])
    }

    @Test func noMatchAcrossFieldOrParagraphBoundaries() throws {
        let corpus = try Self.corpus(
            [
                "2018/07/19/03/01.md": articleFile(
                    title: "花椒", position: "1", extra: "kicker: 之乡\nsubtitle: 党建\nauthors: [引领]",
                    body: "聚合\n\n力量"),
                "2018/07/19/03/02.md": articleFile(title: "花椒之乡", position: "2", body: "党建引领聚合力量"),
            ]
        )
        let search = corpus.search
        for query in ["花椒之乡", "椒之", "建引", "党建引领", "领聚", "合力", "聚合力量"] {
            #expect(search.run(query).matches.map(\.article) == [1], "query \(query)")
        }
        // Title and body of the second article meet here too: no article has these.
        for query in ["之乡党建", "乡党", "椒之乡党"] {
            #expect(search.run(query).matches.isEmpty, "query \(query)")
        }
        #expect(search.run("花椒").matches.map(\.article).sorted() == [0, 1])
    }

    /// Characters are indexed one by one with their positions: a phrase matches only where its
    /// characters stand next to each other in its order, repeated characters included.
    @Test func repeatedCharactersAndCharactersThatOccurApart() throws {
        let corpus = try Self.corpus([("哈哈哈", "格香里拉，香 格"), ("哈一哈", "香格里拉香格里拉")])
        let search = corpus.search
        Self.expect(
            search,
            finds: [
                ("哈哈", [0]), ("哈哈哈", [0]), ("哈哈哈哈", []), ("哈一哈", [1]), ("哈", [0, 1]),
                ("香格", [1]), ("香 格", [0]), ("格香", [0]), ("拉香格", [1]), ("拉，香", [0]),
                ("香格里拉香格里拉", [1]), ("香格里拉香格里拉香", []),
            ])
        let twice = search.run("香格里拉").matches
        #expect(twice.map(\.occurrences) == [2])
        #expect(search.run("哈").matches.first { $0.article == 0 }?.occurrences == 3)
    }

    /// Blocks are the ten-day periods of each month (days 1–10, 11–20, 21–31); a period bigger
    /// than a block is cut into parts of equal size (give or take one), named by the month, the
    /// period and the part, that cover its articles in order.
    @Test func blocksAreTenDayPeriodsCutIntoEqualParts() throws {
        let corpus = try Self.corpus()
        let blocks = SearchIndexWriter(archive: corpus.archive, blockSize: 4).blocks
        #expect(blocks.first?.articles.lowerBound == 0)
        #expect(blocks.last?.articles.upperBound == corpus.archive.articles.count)
        for (block, next) in zip(blocks, blocks.dropFirst()) {
            #expect(block.articles.upperBound == next.articles.lowerBound)
        }
        let periods = Dictionary(grouping: blocks) { String($0.id.dropLast(2)) }
        #expect(periods.count > 6)
        for (period, parts) in periods {
            let sizes = parts.map(\.articles.count)
            #expect(sizes.allSatisfy { $0 <= 4 } && sizes.max()! - sizes.min()! <= 1, "\(period): \(sizes)")
            #expect(parts.map(\.id) == parts.indices.map { "\(period)-\($0)" })
            let days = ["1": 1...10, "2": 11...20, "3": 21...31][String(period.last!)]!
            for article in parts.flatMap({ Array($0.articles) }).map({ corpus.archive.articles[$0] }) {
                #expect(
                    article.date.iso.hasPrefix(period.prefix(7)) && days.contains(article.date.day),
                    "\(article.date.iso) in \(period)")
            }
        }
    }

    @Test func filtersAndBudget() throws {
        let corpus = try Self.corpus()
        let (archive, search) = (corpus.archive, corpus.search)
        let query = "花"
        let truth = SearchCorpus.truth(archive, query)
        let onPage = search.run(query, filters: .init(pageName: "要闻"))
        #expect(Self.articles(onPage) == truth.filter { archive.articles[$0].pageName == "要闻" })
        let byAuthor = search.run(query, filters: .init(author: "li"))
        #expect(Self.articles(byAuthor) == truth.filter { archive.articles[$0].authors.contains("Li Na") })
        #expect(!byAuthor.matches.isEmpty)
        let months = search.run(query, filters: .init(from: "2018-02", to: "2018-03"))
        #expect(Self.articles(months) == truth.filter { (2...3).contains(archive.articles[$0].date.month) })

        let partial = search.run(query, budget: 1)
        #expect(!partial.complete)
        #expect(!partial.matches.isEmpty)
        #expect(
            partial.matches.map(\.article) == Array(truth.sorted().reversed().prefix(partial.matches.count)),
            "a budgeted search gives the newest matches first")
    }

    @Test func bestFirstPutsTitleMatchesFirst() throws {
        let corpus = try Self.corpus()
        let (archive, search) = (corpus.archive, corpus.search)
        let outcome = search.run("花椒")
        let best = SearchQuery.sorted(outcome.matches, by: .best)
        let inTitle = best.prefix { $0.inTitle }.map(\.article)
        #expect(
            Set(inTitle)
                == Set(
                    outcome.matches.map(\.article).filter {
                        SearchCorpus.fold(archive.articles[$0].title).contains("花椒")
                    }))
        #expect(
            SearchQuery.sorted(outcome.matches, by: .newest).map(\.article)
                == outcome.matches.map(\.article).sorted(by: >))
    }

    /// A record file is UTF-16LE when that is shorter (its Chinese characters outnumber its ASCII
    /// bytes, the JSON's keys, date and link included) and UTF-8 otherwise; either reads back as
    /// written, characters beyond U+FFFF included.
    @Test func recordFilesTakeTheShorterEncoding() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            [
                "2019/05/31/01/01.md": articleFile(
                    title: "香格里拉🌸", date: "2019-05-31", page: "1",
                    body: String(repeating: "香格里拉市坚持以党建引领乡村振兴𠀋，持续推进基层组织标准化规范化建设。", count: 4)),
                "2015/01/05/01/01.md": articleFile(
                    title: "Tea market", date: "2015-01-05", page: "1",
                    body: "Pu'er tea from Shangri-La sold well this winter."),
            ], under: "Content")
        try SearchCorpus.index(content, into: scratch.path("Public"), blockSize: 4)
        let search = try SearchQuery(site: scratch.path("Public"))
        for (query, title, utf16) in [("振兴𠀋", "香格里拉🌸", true), ("tea market", "Tea market", false)] {
            let article = try #require(search.run(query).matches.first, "\(query)").article
            #expect(search.record(article)?.title == title)
            let file = try Data(contentsOf: scratch.path("Public/\(search.recordFile(of: article))"))
            let json = try #require(Deflate.decompress(Array(file)))
            let utf8 = SearchIndexWriter.recordJSON(json)
            if utf16 {
                #expect(
                    SearchIndexWriter.isUTF16(record: json) && json.count < utf8.count,
                    "\(query): Chinese text is shorter in UTF-16LE")
            } else {
                #expect(!SearchIndexWriter.isUTF16(record: json) && utf8 == json, "\(query): ASCII text stays UTF-8")
            }
        }
    }

    @Test func theSameArchiveGivesTheSameBytes() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.write(SearchCorpus.files(count: 30), under: "Content")
        try SearchCorpus.index(content, into: scratch.path("One"), blockSize: 8)
        try SearchCorpus.index(content, into: scratch.path("Two"), blockSize: 8)
        let files = try FileManager.default.subpathsOfDirectory(atPath: scratch.path("One/search").path).sorted()
        #expect(
            files == (try FileManager.default.subpathsOfDirectory(atPath: scratch.path("Two/search").path).sorted()))
        for file in files where file.hasSuffix(".z") || file.hasSuffix(".json") {
            #expect(
                FileManager.default.contentsEqual(
                    atPath: scratch.path("One/search/\(file)").path,
                    andPath: scratch.path("Two/search/\(file)").path), "\(file) differs")
        }
    }
}
