import Foundation
import Testing

@testable import SitegenKit

/// Reading the templates (syntax errors, missing ones) and which templates a page's template
/// reaches (partials, parents), which decides what a template edit re-renders and what a page's
/// fingerprint leaves out.
@Suite struct TemplateSetTests {
    /// The first problem of loading the shipped templates with `name` replaced by `text`.
    func firstProblem(loading text: String, as name: String) throws -> SitegenError? {
        let scratch = try ScratchFolder()
        let templates = try scratch.copy(TestSupport.templates, to: "Templates")
        try text.write(to: templates.appendingPathComponent(name), atomically: true, encoding: .utf8)
        do {
            _ = try TemplateSet(directory: templates, displayRoot: "Templates")
            return nil
        } catch {
            return error.errors.first
        }
    }

    @Test func aSyntaxErrorNamesTheTemplateAndLine() throws {
        let problem = try #require(
            try firstProblem(loading: "<p>\n{{#issue}}\n{{/page}}\n", as: "partials/footer.mustache"),
            "expected a syntax error")
        #expect(problem.path == "Templates/partials/footer.mustache")
        #expect(problem.line == 3)
    }

    @Test func aMissingPageTemplateIsNamed() throws {
        let scratch = try ScratchFolder()
        let templates = try scratch.copy(TestSupport.templates, to: "Templates")
        try FileManager.default.removeItem(at: templates.appendingPathComponent("issue.mustache"))
        #expect(throws: SitegenErrors.self) { _ = try TemplateSet(directory: templates, displayRoot: "Templates") }
    }

    /// A dotted name through a context that has no such name is an error at load that names
    /// the template, its line and the context's type with the names it has.
    @Test func aNameTheContextLacksNamesTheContextsType() throws {
        let problem = try #require(
            try firstProblem(loading: "<p>\n{{article.headline}}\n", as: "article.mustache"), "expected an unknown name"
        )
        #expect(problem.path == "Templates/article.mustache")
        #expect(problem.line == 2)
        #expect(problem.message.contains("headline is not a name of ArticleContext; its names: authors, "))
    }

    /// Every template the build requires, each a line of text, plus `extra`.
    func templates(_ extra: [String: String]) throws -> TemplateSet {
        var files: [String: String] = [:]
        for name in TemplateSet.required { files["\(name).mustache"] = "\(name)\n" }
        for (name, text) in extra { files["\(name).mustache"] = text }
        let scratch = try ScratchFolder()  // removed when it goes away: read the templates first
        return try TemplateSet(directory: try scratch.write(files, under: "Templates"), displayRoot: "Templates")
    }

    @Test func partialsAndParentsAreFoundButNothingElse() {
        #expect(
            TemplateSet.references(in: "{{<layout}}{{$body}}{{> partials/nav }}{{/body}}{{/layout}}") == [
                "layout", "partials/nav",
            ])
        #expect(TemplateSet.references(in: "{{{title}}} {{#pages}}{{name}}{{/pages}} {{!> not a partial}}") == [])
        #expect(TemplateSet.references(in: "{{>*dynamic}}") == ["*"])
        #expect(TemplateSet.references(in: "{{=<% %>=}}<%> partials/nav%>") == ["*"])
        #expect(TemplateSet.references(in: "unclosed {{> partials/nav") == [])
    }

    @Test func aDigestFollowsTheTemplatesReachedAndNoOthers() throws {
        let base = try templates([
            "article": "{{<layout}}{{/layout}}", "layout": "{{> partials/nav}}", "partials/nav": "nav",
            "partials/other": "other",
        ])
        let navEdited = try templates([
            "article": "{{<layout}}{{/layout}}", "layout": "{{> partials/nav}}", "partials/nav": "nav!",
            "partials/other": "other",
        ])
        let otherEdited = try templates([
            "article": "{{<layout}}{{/layout}}", "layout": "{{> partials/nav}}", "partials/nav": "nav",
            "partials/other": "other!",
        ])
        #expect(base.digest(of: "article") != navEdited.digest(of: "article"))
        #expect(base.digest(of: "article") == otherEdited.digest(of: "article"))
        #expect(base.digest(of: "page") == navEdited.digest(of: "page"))
    }

    @Test func aVariableIsMentionedWhereverATemplateReachedSpellsItOut() throws {
        let set = try templates([
            "article": "{{<layout}}{{/layout}}", "layout": "{{> partials/nav}}",
            "partials/nav": "{{#issue.pages}}{{heading}} {{article_count}}{{/issue.pages}}",
            "page": "{{=<% %>=}}<%title%>",
        ])
        #expect(set.mentions("article_count", from: "article"))
        #expect(!set.mentions("article_count", from: "issue"))
        // Changed delimiters: any template may be reached, so the answer is yes.
        #expect(set.mentions("article_count", from: "page"))
    }
}
