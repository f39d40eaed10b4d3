import Foundation
import Testing

@testable import SitegenKit

/// The build fingerprints each page from what its compiled template reads (its `ReadPlan`), with
/// the digests of keyed contexts (版面导航, 标题导航) made once per run of pages (`ReadMemo`).
/// After each edit of the fixture archive, every page whose HTML changed must have a changed
/// fingerprint, or an incremental build would keep it stale; and the memo must not change any
/// fingerprint.
@Suite struct ReadPlanTests {
    struct Edit: CustomTestStringConvertible, Sendable {
        let file: String
        let from: String
        let to: String
        var testDescription: String { "\(file): \(from) → \(to)" }
    }

    static let edits = [
        Edit(file: "2018/07/19/03/06.md", from: "宣讲十九大精神 <深入基层>", to: "改过的标题"),
        Edit(file: "2018/07/19/03/05.md", from: "content_1.htm", to: "content_9.htm"),
        Edit(file: "2018/07/19/03/05.md", from: "  - 陈义", to: "  - 张三"),
        Edit(file: "2018/07/19/03/05.md", from: "三坝乡下辖7个建制村", to: "三坝乡下辖8个建制村"),
        Edit(file: "2018/07/19/03/05.md", from: "——三坝乡抓党建促脱贫攻坚工作纪实", to: "——副题改了"),
        Edit(file: "2018/07/19/issue.yml", from: "name: 卫生与健康", to: "name: 健康生活"),
    ]

    /// Text added to each shipped page template so that it reads every name its view offers, and
    /// inside each section every name of what the section holds: made from the views' declarations,
    /// so a field is covered by this check the day it is declared, shown by a template or not.
    static var extraNames: [String: String] {
        Dictionary(uniqueKeysWithValues: PageKind.templates.map { ($0.name, readingEverything($0.context, depth: 4)) })
    }

    static func readingEverything(_ schema: TemplateSchema, depth: Int) -> String {
        schema.slots.keys.sorted().map { name in reading(name, schema.slots[name]!.type, depth: depth) }.joined(
            separator: " ")
    }

    static func reading(_ name: String, _ type: TemplateType, depth: Int) -> String {
        switch type {
        case .text, .number, .dynamic: return "{{\(name)}}"
        case .bool: return "{{#\(name)}}yes{{/\(name)}}"
        case .list(.object(let child)), .object(let child):
            guard depth > 0 else { return "{{#\(name)}}yes{{/\(name)}}" }
            return "{{#\(name)}}\(readingEverything(child, depth: depth - 1)){{/\(name)}}"
        case .list: return "{{#\(name)}}{{.}}{{/\(name)}}"
        }
    }

    @Test(arguments: edits, [false, true])
    func everyChangeAPageShowsChangesItsFingerprint(_ edit: Edit, extraNames: Bool) throws {
        let scratch = try ScratchFolder()
        let content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        let templates = try scratch.copy(TestSupport.templates, to: "Templates")
        if extraNames {
            for (name, extra) in Self.extraNames {
                let file = templates.appendingPathComponent("\(name).mustache")
                try (String(contentsOf: file, encoding: .utf8) + extra).write(
                    to: file, atomically: true, encoding: .utf8)
            }
        }
        let set = try TemplateSet(directory: templates, displayRoot: "Templates")
        let before = try Self.pages(content, set)
        let file = content.appendingPathComponent(edit.file)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(edit.from))
        try text.replacingOccurrences(of: edit.from, with: edit.to).write(to: file, atomically: true, encoding: .utf8)
        let after = try Self.pages(content, set)
        var shownChanged = 0
        for (path, new) in after {
            guard let old = before[path], old.html != new.html else { continue }
            shownChanged += 1
            #expect(old.fingerprint != new.fingerprint, "\(path): its HTML changed, its fingerprint did not")
        }
        // An article's source is shown only by the extra names: unread, its edit changes no page.
        #expect(
            (shownChanged > 0) == (extraNames || edit.from != "content_1.htm"), "\(shownChanged) pages changed")
    }

    /// Path → (the build's fingerprint, the page's HTML). Each fingerprint is also made on its own,
    /// with no memo: it must be the same.
    static func pages(_ content: URL, _ templates: TemplateSet) throws -> [String: (fingerprint: UInt64, html: String)]
    {
        let loaded = try ContentLoader(root: content).load()
        let archive = Archive(articles: loaded.articles, listings: loaded.listings, site: loaded.site)
        let renderer = SiteRenderer(archive: archive, templates: templates)
        let pages = renderer.pages()
        var result: [String: (fingerprint: UInt64, html: String)] = [:]
        for (page, fingerprint) in zip(pages, renderer.fingerprints(pages)) {
            #expect(fingerprint == renderer.fingerprint(page.kind), "\(page.path): the memo changed its fingerprint")
            result[page.path] = (fingerprint, renderer.render(page.kind))
        }
        return result
    }
}
