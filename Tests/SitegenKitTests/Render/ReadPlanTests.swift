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
    func everyChangeATemplateReadsChangesTheBuildFingerprint(_ edit: Edit, extraNames: Bool) throws {
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
        #expect(
            (readChanged > 0) == (extraNames || edit.from != "content_1.htm"),
            "\(readChanged) pages read a changed value")
    }

    /// Path → (build fingerprint, fingerprint of what the page's templates read).
    static func fingerprints(_ content: URL, _ templates: TemplateSet) throws -> [String: (build: UInt64, read: UInt64)]
    {
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
