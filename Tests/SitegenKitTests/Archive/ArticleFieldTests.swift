import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// `ArticleField` is the one list of an article's fields: each must survive the writer (ingest's
/// `ArticleFile`), the reader (`ArticleReader`) and the build cache (`ContentCache`). A new case
/// fails to compile here until `changed(_:in:)` says how to change it, and then fails the test
/// until all three carry it.
struct ArticleFieldTests {
    let path = "2018/07/19/03/05.md"

    var full: Article {
        Article(
            sourcePath: path, title: "标题", kicker: "引题", subtitle: "副题", authors: ["松学宝", "格桑"],
            byline: "本报记者 松学宝", date: IssueDate(year: 2018, month: 7, day: 19)!, weekday: "星期四",
            page: PageLabel("3")!, pageName: "党建", order: 5, captions: ["图一"], source: "http://example.org/a.html",
            body: "正文。")
    }

    /// The article with `field` set to another value than `full` has.
    func changed(_ field: ArticleField, in a: Article) -> Article {
        var a = a
        switch field {
        case .title: a.title = "另一个标题"
        case .kicker: a.kicker = "另一个引题"
        case .subtitle: a.subtitle = "另一个副题"
        case .authors: a.authors = ["扎西"]
        case .byline: a.byline = "通讯员 扎西"
        case .date: a.date = IssueDate(year: 2019, month: 1, day: 2)!
        case .weekday: a.weekday = "星期三"
        case .page: a.page = PageLabel("A10")!
        case .pageName: a.pageName = "要闻"
        case .position: a.order = 7
        case .captions: a.captions = ["图一", "图二"]
        case .source: a.source = "http://example.org/b.html"
        }
        return a
    }

    @Test(arguments: ArticleField.allCases)
    func aFieldSurvivesTheWriterAndTheReader(_ field: ArticleField) throws {
        let article = changed(field, in: full)
        #expect(article != full, "changing \(field.key) changes the article")
        let text = ArticleFile.text(for: article)
        #expect(text.contains("\n\(field.key):"), "the writer writes \(field.key)")
        let read = try ArticleReader.read(text: text, path: path)
        #expect(read.body.trimmingCharacters(in: .newlines) == article.body)
        var expected = article
        expected.body = read.body  // the file ends its body with a line break
        #expect(read == expected, "\(field.key) read back as written")
    }

    @Test(arguments: ArticleField.allCases)
    func aFieldSurvivesTheBuildCache(_ field: ArticleField) throws {
        let article = changed(field, in: full)
        #expect(try throughTheCache(article) == article, "\(field.key) restored from the cache")
    }

    /// `fieldsDigest` (what the search records' fingerprints take of an article) changes with every
    /// field, is made again when a field is set, and the cache gives back the one it saved.
    @Test(arguments: ArticleField.allCases)
    func aFieldChangesTheArticlesDigest(_ field: ArticleField) throws {
        let article = changed(field, in: full)
        #expect(article.fieldsDigest != full.fieldsDigest, "\(field.key) changes the digest")
        #expect(try throughTheCache(article)?.fieldsDigest == article.fieldsDigest)
    }

    @Test func theBodyChangesTheArticlesDigest() {
        var article = full
        article.body = "另一段正文。"
        #expect(article.fieldsDigest != full.fieldsDigest)
        #expect(full.fieldsDigest == full.fieldsDigest, "made from the fields alone")
    }

    /// The article as the build cache gives it back after writing it.
    func throughTheCache(_ article: Article) throws -> Article? {
        var cache = ContentCache()
        cache.entries[path] = ContentCache.Entry(stamp: .init(size: 1, modified: 2, inode: 3), article: article)
        var writer = BinaryWriter()
        cache.write(to: &writer)
        var reader = BinaryReader(writer.bytes)
        return try ContentCache.read(from: &reader, contentRoot: URL(fileURLWithPath: "/nonexistent")).entries[path]?
            .article
    }

    /// Where a file still says `order:` (the old name of `position:`), for `sitegen check`: it is
    /// no field of the article (never written), but the cache keeps it like the fields.
    @Test func theLineOfAnOldFieldNameSurvivesTheBuildCache() throws {
        for line in [nil, 6] as [Int?] {
            var article = full
            article.oldPositionLine = line
            #expect(try throughTheCache(article)?.oldPositionLine == line)
        }
    }

    /// The title's line names the file's findings (`empty-body`, `duplicate-title`): a file
    /// restored from the cache keeps it (it was always 2 before).
    @Test func theTitlesLineSurvivesTheBuildCache() throws {
        for line in [2, 5] {
            var article = full
            article.titleLine = line
            #expect(try throughTheCache(article)?.titleLine == line)
        }
    }

    @Test func theWriterFollowsTheListsOrder() {
        let keys = ArticleFile.text(for: full).split(separator: "\n").compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { return nil }
            return String(line[..<colon])
        }
        #expect(keys == ArticleField.allCases.map(\.key) + [ArticleFile.digestField])
    }
}
