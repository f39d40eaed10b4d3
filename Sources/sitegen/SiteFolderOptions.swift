import ArgumentParser
import Foundation
import SitegenKit

/// The folders (and base URL) a build reads and writes: shared by `build` and `serve`.
struct SiteFolderOptions: ParsableArguments {
    @Option(help: "The archive's Markdown folder.")
    var content = "Content"

    @Option(help: "The Mustache templates folder (assets/ inside it is copied to the site).")
    var templates = "Templates"

    @Option(help: "Where the site is written.")
    var output = "Public"

    @Option(
        name: .customLong("base-url"), help: "The address the site is published at (overrides site.yml's base_url).")
    var baseURL: String?

    func builderOptions(clean: Bool = false) -> SiteBuilder.Options {
        SiteBuilder.Options(
            content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
            output: URL(fileURLWithPath: output), baseURL: baseURL, clean: clean,
            displayContent: content, displayTemplates: templates)
    }
}
