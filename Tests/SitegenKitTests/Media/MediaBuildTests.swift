import Foundation
import Testing

@testable import SitegenKit

/// Scans, zones, PDFs and photos (docs/content-format.md, 版面图), end to end: the fixture archive
/// with the committed tiny images of Fixtures/media added to 2018-07-19 第3版.
@Suite struct MediaBuildTests {
    static let media = TestSupport.fixtures.appendingPathComponent("media")

    /// The fixture archive in `scratch`, with a scan, a PDF, zones and a photo on 2018-07-19 第3版.
    static func contentWithMedia(in scratch: ScratchFolder, photo: String = "photo.jpg", zones: Bool = true) throws
        -> URL
    {
        let content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        let page = content.appendingPathComponent("2018/07/19/03")
        try FileManager.default.copyItem(
            at: media.appendingPathComponent("scan.jpg"), to: page.appendingPathComponent("page.jpg"))
        try FileManager.default.copyItem(
            at: media.appendingPathComponent("page.pdf"), to: page.appendingPathComponent("page.pdf"))
        try FileManager.default.copyItem(
            at: media.appendingPathComponent(photo), to: page.appendingPathComponent("05-1.jpg"))
        if zones { try addZones(to: content) }
        return content
    }

    /// Two zones for article 5 (a polygon and a rectangle) and one for a position without an article.
    static func addZones(to content: URL) throws {
        let listing = content.appendingPathComponent("2018/07/19/issue.yml")
        var text = try String(contentsOf: listing, encoding: .utf8)
        let zones = """
                zones:
                  - article: 5
                    polygon: [348,144, 178,144, 178,286, 348,286]
                  - article: 5
                    rect: [178, 291, 170, 102]
                  - article: 2
                    rect: [2, 85, 169, 463]

            """
        let range = try #require(text.range(of: "  - page: 4"))
        text.insert(contentsOf: zones, at: range.lowerBound)
        try text.write(to: listing, atomically: false, encoding: .utf8)
    }

    @Test func thePageViewShowsTheScanWithItsZonesAsLinks() throws {
        let scratch = try ScratchFolder()
        let report = try scratch.build(content: try Self.contentWithMedia(in: scratch))
        #expect(report.imagesProcessed == 2)
        let page = try scratch.read("Public/2018/07/19/03/index.html")
        for expected in [
            "<img src=\"../../../../2018/07/19/03/page.jpg\" width=\"350\" height=\"550\" alt=\"第3版:要闻 版面图\">",
            "<svg class=\"zones\" viewBox=\"0 0 350 550\" preserveAspectRatio=\"none\"",
            "<a class=\"zone\" href=\"../../../../2018/07/19/03/05.html\" aria-label=\"党建引领聚合力 打赢脱贫攻坚战\" data-position=\"5\"><title>党建引领聚合力 打赢脱贫攻坚战</title><polygon points=\"348,144 178,144 178,286 348,286\"/></a>",
            "<polygon points=\"178,291 348,291 348,393 178,393\"/>",
            "<a href=\"../../../../2018/07/19/03/page.pdf\" type=\"application/pdf\">PDF下载</a>",
        ] {
            #expect(page.contains(expected), "page view lacks \(expected)")
        }
        // Position 2 has no article: its zone is left out.
        #expect(!page.contains("data-position=\"2\""))
        #expect(page.components(separatedBy: "class=\"zone\"").count == 3)
        let issue = try scratch.read("Public/2018/07/19/index.html")
        #expect(
            issue.contains(
                "<a class=\"thumb\" href=\"../../../2018/07/19/03/index.html\"><img src=\"../../../2018/07/19/03/page-thumb.jpg\" width=\"240\" height=\"377\""
            ))
        // Pages without a scan have no figure and no thumbnail.
        #expect(try !scratch.read("Public/2018/07/19/04/index.html").contains("class=\"scan\""))
        #expect(issue.components(separatedBy: "class=\"thumb\"").count == 2)
        #expect(
            try Data(contentsOf: scratch.path("Public/2018/07/19/03/page.pdf"))
                == Data(contentsOf: Self.media.appendingPathComponent("page.pdf")))
        #expect(try LinkChecker(root: scratch.path("Public"), basePath: "/news/").deadLinks() == [])
    }

    @Test func theArticleShowsItsPhotoWithItsCaption() throws {
        let scratch = try ScratchFolder()
        try scratch.build(content: try Self.contentWithMedia(in: scratch))
        let html = try scratch.read("Public/2018/07/19/03/05.html")
        #expect(
            html.contains(
                """
                      <figure class="photo">
                        <img src="../../../../2018/07/19/03/05-1.jpg" width="320" height="200" alt="三坝乡的花椒基地。 陈义 摄" loading="lazy">
                        <figcaption>三坝乡的花椒基地。 陈义 摄</figcaption>
                      </figure>
                """))
        // Its only caption is shown under the photo, not again in 图片说明.
        #expect(!html.contains("<h2>图片说明</h2>"))
        let size = try ImageProcessor.size(of: scratch.path("Public/2018/07/19/03/05-1.jpg").path)
        #expect(size == (320, 200))
        let scan = try ImageProcessor.size(of: scratch.path("Public/2018/07/19/03/page-thumb.jpg").path)
        #expect(scan == (240, 377))
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let first = try ScratchFolder()
        let second = try ScratchFolder()
        try first.build(content: try Self.contentWithMedia(in: first))
        try second.build(content: try Self.contentWithMedia(in: second))
        for path in ["page.jpg", "page-thumb.jpg", "05-1.jpg", "index.html", "05.html"] {
            let a = try Data(contentsOf: first.path("Public/2018/07/19/03/\(path)"))
            let b = try Data(contentsOf: second.path("Public/2018/07/19/03/\(path)"))
            #expect(a == b, "\(path) differs between two builds of the same inputs")
        }
    }

    @Test func anArticleEditProcessesNoImageAgain() throws {
        let scratch = try ScratchFolder()
        let content = try Self.contentWithMedia(in: scratch)
        #expect(try scratch.build(content: content).imagesProcessed == 2)
        let article = content.appendingPathComponent("2018/07/19/03/05.md")
        let text = try String(contentsOf: article, encoding: .utf8)
        try text.replacingOccurrences(of: "三坝乡下辖", with: "三坝乡辖").write(to: article, atomically: false, encoding: .utf8)
        let edited = try scratch.build(content: content)
        #expect(edited.imagesProcessed == 0)
        #expect(edited.filesWritten > 0)
        #expect(scratch.exists("Public/2018/07/19/03/page.jpg"))
        // Touching an image (same bytes, new stamp) does not process it again either.
        let scan = content.appendingPathComponent("2018/07/19/03/page.jpg")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: scan.path)
        #expect(try scratch.build(content: content).imagesProcessed == 0)
        // A new photo is processed, and only it.
        try FileManager.default.copyItem(
            at: Self.media.appendingPathComponent("scan.png"),
            to: content.appendingPathComponent("2018/07/19/03/05-2.png"))
        #expect(try scratch.build(content: content).imagesProcessed == 1)
        #expect(scratch.exists("Public/2018/07/19/03/05-2.png"))
    }

    /// A replaced scan's copies leave the media store; the copies still in use stay.
    @Test func aReplacedImagesCopiesAreRemovedFromTheStore() throws {
        let scratch = try ScratchFolder()
        let content = try Self.contentWithMedia(in: scratch)
        try scratch.build(content: content)
        let store = scratch.url.appendingPathComponent(".sitegen/Public.media")
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: store.path))
        #expect(before.count == 4, "index.json, the scan's two copies and the photo's: \(before)")
        let scan = content.appendingPathComponent("2018/07/19/03/page.jpg")
        try FileManager.default.removeItem(at: scan)
        try FileManager.default.copyItem(
            at: Self.media.appendingPathComponent("scan.png"),
            to: scan.deletingLastPathComponent().appendingPathComponent("page.png"))
        #expect(try scratch.build(content: content).imagesProcessed == 1)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: store.path))
        #expect(after.count == 4, "the old scan's copies are gone: \(after)")
        #expect(before.intersection(after).count == 2, "index.json and the photo's copy stay")
        #expect(scratch.exists("Public/2018/07/19/03/page.png") && !scratch.exists("Public/2018/07/19/03/page.jpg"))
        #expect(try scratch.build(content: content).imagesProcessed == 0, "the copies in use were kept")
    }

    /// An incremental build that adds media gives the site a clean build gives.
    @Test func addingMediaIncrementallyEqualsACleanBuild() throws {
        let scratch = try ScratchFolder()
        let content = try scratch.copy(TestSupport.fixtureContent, to: "Content")
        try scratch.build(content: content)
        let withMedia = try ScratchFolder()
        let complete = try Self.contentWithMedia(in: withMedia)
        try FileManager.default.removeItem(at: content)
        try FileManager.default.copyItem(at: complete, to: content)
        try scratch.build(content: content)
        try withMedia.build(content: complete)
        for path in [
            "2018/07/19/03/index.html", "2018/07/19/index.html", "2018/07/19/03/05.html", "2018/07/19/04/index.html",
            "index.html",
        ] {
            #expect(try scratch.read("Public/\(path)") == withMedia.read("Public/\(path)"), "\(path) differs")
        }
    }

    @Test func anArchiveOfTextOnlyMakesNoMediaFolder() throws {
        let scratch = try ScratchFolder()
        let report = try scratch.build(content: TestSupport.fixtureContent)
        #expect(report.imagesProcessed == 0)
        #expect(!scratch.exists(".sitegen/Public.media"))
        #expect(try !scratch.read("Public/2018/07/19/03/index.html").contains("<figure"))
    }

    @Test(arguments: [
        ("truncated.jpg", "cannot be decoded"),
        ("not-an-image.jpg", "is not an image sitegen can read"),
        ("huge.png", "is 20000×20000 pixels, more than the 100 megapixels sitegen decodes"),
    ])
    func aBadImageFailsTheBuildNamingItAndKeepsThePublishedSite(file: String, message: String) throws {
        let scratch = try ScratchFolder()
        let content = try Self.contentWithMedia(in: scratch)
        try scratch.build(content: content)
        let before = try scratch.read("Public/2018/07/19/03/05.html")
        let bad = content.appendingPathComponent("2018/07/19/03/05-2.jpg")
        try FileManager.default.copyItem(at: Self.media.appendingPathComponent(file), to: bad)
        let article = content.appendingPathComponent("2018/07/19/03/05.md")
        try (try String(contentsOf: article, encoding: .utf8)).replacingOccurrences(of: "三坝乡下辖", with: "三坝乡辖")
            .write(to: article, atomically: false, encoding: .utf8)
        do {
            try SiteBuilder(
                options: .init(content: content, templates: TestSupport.templates, output: scratch.path("Public"))
            ).build()
            Issue.record("a build with \(file) succeeded")
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.path == bad.path)
            #expect(error.errors.first?.message.hasPrefix(message) == true, "\(error.errors)")
        }
        #expect(try scratch.read("Public/2018/07/19/03/05.html") == before)
        #expect(!scratch.exists("Public/2018/07/19/03/05-2.jpg"))
    }

    @Test func zonesAreReadAsPolygonsAndRectangles() throws {
        let text = """
            pages:
              - page: 1
                zones:
                  - article: 2
                    polygon: [1,2, 3,4, 5,6]
                  - article: 3
                    rect: [10, 20, 30, 40]
                  - article: 3
                    polygon: "7,8,9,10,11,12"
            """
        let listing = try IssueListingReader.read(
            text: text, path: "issue.yml", date: IssueDate(year: 2018, month: 7, day: 19)!)
        #expect(
            listing.pages[0].zones.map(\.svgPoints) == ["1,2 3,4 5,6", "10,20 40,20 40,60 10,60", "7,8 9,10 11,12"])
        #expect(listing.pages[0].zones.map(\.article) == [2, 3, 3])
        for bad in [
            "polygon: [1,2, 3,4]", "rect: [1, 2, 3]", "rect: [1, 2, -3, 4]", "polygon: [a, b, c, d, e, f]",
            "shape: [1,2,3,4]",
        ] {
            #expect(throws: SitegenError.self, "\(bad)") {
                try IssueListingReader.read(
                    text: "pages:\n  - page: 1\n    zones:\n      - article: 2\n        \(bad)\n", path: "issue.yml",
                    date: IssueDate(year: 2018, month: 7, day: 19)!)
            }
        }
    }
}
