import Foundation
import Testing

@testable import SitegenKit

/// The 引用 block: a GB/T 7714-2015 reference for a newspaper article read online.
@Suite struct CitationTests {
    func reference(_ files: [String: String]) throws -> [String] {
        let scratch = try ScratchFolder()
        let content = try scratch.write(
            files.merging(["site.yml": "title: 迪庆日报\nbase_url: https://archive.example.org/\n"]) { a, _ in a },
            under: "Content")
        try scratch.build(content: content)
        return try files.keys.filter { $0.hasSuffix(".md") }.sorted().map { path in
            let html = try scratch.read("Public/" + path.replacingOccurrences(of: ".md", with: ".html"))
            let start = try #require(html.range(of: "<p class=\"reference\" id=\"reference\">"))
            let end = try #require(html.range(of: "</p>", range: start.upperBound..<html.endIndex))
            return String(html[start.upperBound..<end.lowerBound])
        }
    }

    @Test func oneAuthorNumberedPage() throws {
        #expect(
            try reference([
                "2018/07/19/03/05.md": articleFile(
                    title: "党建引领聚合力 打赢脱贫攻坚战", page: "3", position: "5", extra: "authors:\n  - 陈义")
            ]) == [
                "陈义. 党建引领聚合力 打赢脱贫攻坚战[N/OL]. 迪庆日报, 2018-07-19(3)<span class=\"cite-date\"></span>. "
                    + "<a href=\"https://archive.example.org/2018/07/19/03/05.html\">https://archive.example.org/2018/07/19/03/05.html</a>."
            ])
    }

    @Test func subtitleLabelledPageManyAuthorsAndNone() throws {
        let refs = try reference([
            "2019/01/02/A10/01.md": articleFile(
                title: "标题", date: "2019-01-02", page: "A10", extra: "subtitle: 副题\nauthors: [甲, 乙, 丙, 丁]"),
            "2019/01/02/A10/02.md": articleFile(title: "无名 <b>", date: "2019-01-02", page: "A10", position: "2"),
        ])
        #expect(refs[0].hasPrefix("甲, 乙, 丙, 等. 标题: 副题[N/OL]. 迪庆日报, 2019-01-02(A10)<span"))
        #expect(refs[1].hasPrefix("无名 &lt;b&gt;[N/OL]. 迪庆日报, 2019-01-02(A10)<span"))
    }
}
