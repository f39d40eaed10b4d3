import Foundation
import MustacheOracle
import Testing

@testable import SitegenKit

/// The compiled renderer against swift-mustache (the oracle): every shipped template, every page
/// of an archive, byte for byte; and the template errors an editor sees at load.
@Suite struct CompiledRendererTests {
    static let archives = ["fixture", "bundled", "generated", "hostile", "empty"]

    @Test(arguments: archives)
    func everyPageMatchesSwiftMustache(_ archiveName: String) throws {
        let scratch = try ScratchFolder()
        let content = try Self.content(archiveName, in: scratch)
        let loaded = try ContentLoader(root: content).load()
        let archive = Archive(articles: loaded.articles, listings: loaded.listings, site: loaded.site)
        let renderer = SiteRenderer(
            archive: archive, templates: try TemplateSet(directory: TestSupport.templates, displayRoot: "Templates"))
        let oracle = try MustacheOracle(directory: TestSupport.templates)
        var kinds: Set<String> = []
        for (path, kind) in renderer.pages() {
            let compiled = renderer.render(kind)
            let expected = oracle.render(kind.view(renderer.model), with: kind.template)
            #expect(
                compiled == expected,
                "\(path) differs from swift-mustache's at byte \(Self.firstDifference(compiled, expected))")
            #expect(!compiled.isEmpty)
            kinds.insert(kind.template)
        }
        #expect(kinds.count == (archiveName == "empty" ? 4 : TemplateSet.required.count))
    }

    /// The shipped page templates render through typed ops and are fingerprinted from their
    /// read plans (but archive-year, whose month grids are a field read as a `TemplateValue`),
    /// so the comparison above covers the typed renderer.
    @Test func theShippedPageTemplatesAreTyped() throws {
        let set = try TemplateSet(directory: TestSupport.templates, displayRoot: "Templates")
        for name in TemplateSet.required {
            #expect(set.isTyped(name) == (name != "archive-year"), "\(name)")
        }
    }

    /// The typed renderer against the general one (through `TemplateValue`s, which the
    /// specification's tests cover), on what the shipped templates use little: a block override
    /// reindented, dotted names read and pushed, `{{.}}` on numbers and texts, inverted sections on
    /// absent and empty values, lists inside lists.
    @Test func typedRenderingMatchesTheGeneralRenderer() throws {
        let templates = [
            "article": """
            {{<frame}}
              {{$main}}
                {{#article}}{{title}} {{position}} {{#position}}[{{.}}]{{/position}}{{/article}}
                {{issue.prev_issue.date_iso}}{{^issue.prev_issue}}first{{/issue.prev_issue}} {{issue.next_issue.href}}
                {{#issue.pages}}{{label}}{{#current}}*{{/current}}{{^titles}}-{{/titles}}{{/issue.pages}}
                {{#article.authors}}<{{.}}>{{/article.authors}}{{^article.authors}}no authors{{/article.authors}}
                {{#article}}{{{body_html}}}|{{body_html}}|{{#body_html}}有{{/body_html}}{{/article}}
                {{#page}}{{#titles}}{{title}}{{#current}}!{{/current}}{{home_href}}{{/titles}}{{/page}}
              {{/main}}
            {{/frame}}
            """,
            "frame": "<main>\n    {{$main}}default{{/main}}\n</main>\n{{site.title}} {{home_href}}\n",
        ]
        let schema = ArticleView.fields.schema
        var compiler = TemplateCompiler(source: { templates[$0] })
        let (ops, plan) = try compiler.compileWithPlan("article", for: .object(schema))
        #expect(plan != nil)
        let typed = try #require(TypedCompiler.convert(ops, frames: [.object(schema)]))
        let loaded = try ContentLoader(root: TestSupport.fixtureContent).load()
        let site = SiteRenderer(
            archive: Archive(articles: loaded.articles, listings: loaded.listings, site: loaded.site),
            templates: try TemplateSet(directory: TestSupport.templates, displayRoot: "Templates"))
        var general = TemplateRenderer()
        var fast = TemplateRenderer()
        for index in site.archive.articles.indices {
            let view = ArticlePage.view(site.model, index: index)
            general.render(ops, context: .object(view))
            fast.render(typed, view: view)
            let text = String(decoding: fast.output, as: UTF8.self)
            #expect(fast.output == general.output, "\(text)")
            #expect(text.contains("<main>\n    " + site.archive.articles[index].title.escapedForMarkup + " "))
        }
    }

    static func content(_ name: String, in scratch: ScratchFolder) throws -> URL {
        switch name {
        case "fixture": return TestSupport.fixtureContent
        case "bundled": return TestSupport.packageRoot.appendingPathComponent("Content")
        case "generated":
            let folder = scratch.path("Content")
            try TestSupport.generatedArchive(in: folder, issues: 3, pages: 3, perPage: 3, titled: "生成")
            return folder
        case "hostile":
            return try scratch.write(
                [
                    "site.yml":
                        "title: \"A & B <报> \\\"日\\\" 's\"\nbase_url: https://example.org/x\ndescription: \"\"\nfooter: \"<b>&copy;</b>\"\n",
                    "2018/07/19/03/05.md": articleFile(
                        title: "\"标题 <script>alert('x')</script> & \\\"引\\\"\"", position: "5",
                        body: "正文 <i>斜</i> & 'x'\n\n第二段\u{1}。"),
                    "2018/07/19/03/06.md": articleFile(
                        title: "\"第二篇\\u0001\\u0085\"", position: "6",
                        extra: "kicker: \"<引题>\"\nauthors: [甲, \"乙&丙\"]\n", body: "—"),
                    "2019/01/01/01/01.md": articleFile(title: "元旦", date: "2019-01-01", page: "1"),
                ], under: "Content")
        default:
            return try scratch.write(["site.yml": "title: 空\n"], under: "Content")
        }
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let context = { (bytes: [UInt8]) in
            String(decoding: bytes[max(0, index - 40)..<min(bytes.count, index + 40)], as: UTF8.self)
        }
        return "\(index): «\(context(a))» vs «\(context(b))»"
    }

    // MARK: - Template errors at load

    func load(_ templates: [String: String]) throws -> TemplateSet {
        let scratch = try ScratchFolder()
        let folder = try scratch.copy(TestSupport.templates, to: "Templates")
        for (name, text) in templates {
            try text.write(to: folder.appendingPathComponent("\(name).mustache"), atomically: true, encoding: .utf8)
        }
        return try TemplateSet(directory: folder, displayRoot: "Templates")
    }

    func loadError(_ templates: [String: String]) throws -> SitegenError {
        do {
            _ = try load(templates)
        } catch {
            return try #require((error as? SitegenErrors)?.errors.first)
        }
        Issue.record("the templates loaded")
        throw CancellationError()
    }

    @Test func aNameNoContextHasIsAnErrorWithItsLine() throws {
        let error = try loadError([
            "partials/footer": "<footer>\n{{site.title}}\n{{#site}}{{footer}}{{/site}}\n{{site_title}}\n</footer>\n"
        ])
        #expect(error.path == "Templates/partials/footer.mustache")
        #expect(error.line == 4)
        #expect(error.message.contains("site_title"))
    }

    @Test func aNameInsideASectionIsLookedUpInItsContextThenOutward() throws {
        _ = try load([
            "article":
                "{{#article}}{{title}} {{home_href}}{{/article}}{{#issue.pages}}{{heading}}{{root}}{{/issue.pages}}"
        ])
        let error = try loadError(["article": "{{#article}}\n{{heading}}\n{{/article}}"])
        #expect(error.path == "Templates/article.mustache")
        #expect(error.line == 2)
    }

    @Test func aDottedNameIsCheckedPartByPart() throws {
        let error = try loadError(["issue": "{{issue.date_display}}\n{{issue.prev_issue.titel}}"])
        #expect(error.line == 2)
        #expect(error.message.contains("titel"))
    }

    @Test func aMissingPartialAndADynamicNameAreErrors() throws {
        #expect(try loadError(["page": "\n\n{{> partials/nope}}"]).line == 3)
        #expect(try loadError(["page": "{{>*name}}"]).message.contains("dynamic names"))
    }

    @Test func aNameAPartialUsesIsCheckedWhereverItIsIncluded() throws {
        // page-nav reads issue.pages: the search page has no issue.
        let error = try loadError(["search": "{{> partials/page-nav}}"])
        #expect(error.path == "Templates/partials/page-nav.mustache")
    }
}
