import Foundation
import Testing
@testable import SitegenKit

/// The build fingerprints pages with `OutputFingerprints`, a digest of what each view can show,
/// kept by hand because it is cheap. The compiled templates know exactly what they read (their
/// `ReadPlan`s): after each edit of the fixture archive, every page whose read values changed
/// must have a changed build fingerprint too, or an incremental build would keep it stale.
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

    /// Text added to shipped templates so that they show more than they do: names no shipped
    /// template reads.
    static let extraNames = [
        "article": "{{site.description}} {{canonical_url}}{{#issue}}{{weekday}} {{article_count}} {{page_count}}{{/issue}}"
            + "{{#article}}{{source}} {{byline}} {{position}} {{authors_text}}{{#captions}}{{.}}{{/captions}}{{/article}}"
            + "{{#page}}{{label}} {{name}} {{number_heading}} {{article_count}}{{#titles}}{{position}}{{kicker}}{{subtitle}}{{authors_text}}{{/titles}}{{/page}}",
        "page": "{{#page}}{{label}} {{name}} {{article_count}}{{#titles}}{{position}}{{kicker}}{{authors_text}}{{/titles}}{{/page}}"
            + "{{#issue}}{{article_count}} {{page_count}}{{/issue}}",
        "issue": "{{#issue}}{{#pages}}{{name}} {{article_count}}{{#titles}}{{kicker}}{{/titles}}{{/pages}}{{/issue}}",
    ]

    @Test(arguments: edits, [false, true])
    func everyChangeATemplateReadsChangesTheBuildFingerprint(_ edit: Edit, extraNames: Bool) throws {
        let scratch = try ScratchFolder()
        let content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        let templates = try scratch.copy(TestSupport.templates, to: "Templates")
        if extraNames {
            for (name, extra) in Self.extraNames {
                let file = templates.appendingPathComponent("\(name).mustache")
                try (String(contentsOf: file, encoding: .utf8) + extra).write(to: file, atomically: true, encoding: .utf8)
            }
        }
        let set = try TemplateSet(directory: templates, displayRoot: "Templates")
        let before = try Self.fingerprints(content, set)
        let file = content.appendingPathComponent(edit.file)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(edit.from))
        try text.replacingOccurrences(of: edit.from, with: edit.to).write(to: file, atomically: true, encoding: .utf8)
        let after = try Self.fingerprints(content, set)
        var readChanged = 0
        for (path, new) in after {
            guard let old = before[path], old.read != new.read else { continue }
            readChanged += 1
            #expect(old.build != new.build, "\(path): what its templates read changed, its build fingerprint did not")
        }
        // An article's source is shown only by the extra names: unread, its edit changes no page's reads.
        #expect((readChanged > 0) == (extraNames || edit.from != "content_1.htm"), "\(readChanged) pages read a changed value")
    }

    /// Path → (build fingerprint, fingerprint of what the page's templates read).
    static func fingerprints(_ content: URL, _ templates: TemplateSet) throws -> [String: (build: UInt64, read: UInt64)] {
        let loaded = try ContentLoader(root: content).load()
        let archive = Archive(articles: loaded.articles, listings: loaded.listings, site: loaded.site)
        let renderer = SiteRenderer(archive: archive, templates: templates)
        let build = OutputFingerprints(archive: archive, templates: templates)
        var result: [String: (build: UInt64, read: UInt64)] = [:]
        for (path, kind) in renderer.pages() {
            result[path] = (build.fingerprint(of: kind), renderer.fingerprint(kind))
        }
        return result
    }
}
