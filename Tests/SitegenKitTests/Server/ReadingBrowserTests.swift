import Foundation
import Testing

@testable import SitegenKit

/// The reading experience (and the live reload's error overlay) in headless Chromium (selenium + chromedriver + axe-core, which
/// `make test` installs): the fixture archive served by the preview server, driven by
/// `Fixtures/browser/reading.py`.
@Suite struct ReadingBrowserTests {
    static var toolsPresent: Bool {
        TestSupport.which("chromedriver") != nil && TestSupport.which("python3") != nil
            && (try? ValidationTests().run(
                TestSupport.which("python3")!, ["-c", "import selenium, axe_selenium_python"]
            ).status) == 0
    }

    @Test(
        .enabled(
            if: toolsPresent || TestSupport.toolsRequired,
            "chromedriver, selenium or axe-selenium-python is missing (make test installs them)"),
        .timeLimit(.minutes(3)))
    func anArticleReadsWellOnPhoneAndDesktopWithNoAccessibilityViolations() async throws {
        let python = try #require(TestSupport.which("python3"))
        let server = try await PreviewServerTests.Running()
        let script = TestSupport.fixtures.appendingPathComponent("browser/reading.py").path
        let pages = [
            "", "2018/07/19/03/index.html", "2018/07/19/index.html", "archive/index.html",
            "archive/2018/index.html", "2018/07/index.html", "404.html", "search/index.html", "search/index.html?q=党建",
        ]
        let port = server.probe.port
        let file = server.content.appendingPathComponent("2018/07/19/03/05.md").path
        let result = try await Task.detached {
            try ValidationTests().run(
                python, [script, "http://127.0.0.1:\(port)/", "2018/07/19/03/05.html", file] + pages)
        }.value
        #expect(result.status == 0, "\(result.output)")
        await server.stop()
    }
}
