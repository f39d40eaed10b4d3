import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// `sitegen ingest` of a mirrored site (wget --mirror --page-requisites): the page view's scan,
/// image-map areas and PDF, and the articles' photos, copied into Content beside the text.
@Suite struct IngestMirrorTests {
    static let media = TestSupport.fixtures.appendingPathComponent("media")
    static let kjrbFixture = TestSupport.fixtures.appendingPathComponent("ingest/kjrb-2023-02-10-node_2.htm")

    /// The kjrb page view as a mirror saves it: html/2023-02/10/node_2.htm, with the scan and the
    /// PDF under images/2023-02/10/01/ (the page links them as ../../../images/…); the scan is a
    /// generated image of the scan's size (350×550).
    static func kjrbMirror(in scratch: ScratchFolder, scan: Bool = true) throws -> URL {
        let mirror = scratch.path("mirror")
        let page = mirror.appendingPathComponent("html/2023-02/10/node_2.htm")
        let images = mirror.appendingPathComponent("images/2023-02/10/01")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: kjrbFixture, to: page)
        if scan {
            try FileManager.default.copyItem(
                at: media.appendingPathComponent("scan.jpg"), to: images.appendingPathComponent("KJRB2023021001_b.jpg"))
        }
        try FileManager.default.copyItem(
            at: media.appendingPathComponent("page.pdf"), to: images.appendingPathComponent("KJRB2023021001.pdf"))
        return mirror
    }

    static func ingest(_ mirror: URL, into content: URL) -> IngestReport {
        var ingester = Ingester(options: .init(content: content, displayContent: "Content"))
        return ingester.run(paths: [mirror.path])
    }

    @Test func aPageViewBringsItsScanZonesAndPDF() throws {
        let scratch = try ScratchFolder()
        let mirror = try Self.kjrbMirror(in: scratch)
        let content = scratch.path("Content")
        let report = Self.ingest(mirror, into: content)
        #expect(
            report.outcomes.map(\.line).sorted() == [
                "written   Content/2023/02/10/01/page.jpg  ← \(mirror.path)/html/2023-02/10/node_2.htm",
                "written   Content/2023/02/10/01/page.pdf  ← \(mirror.path)/html/2023-02/10/node_2.htm",
                "written   Content/2023/02/10/issue.yml  ← \(mirror.path)/html/2023-02/10/node_2.htm",
            ])
        #expect(
            try Data(contentsOf: content.appendingPathComponent("2023/02/10/01/page.jpg"))
                == Data(contentsOf: Self.media.appendingPathComponent("scan.jpg")))
        // Copied, never moved.
        #expect(
            FileManager.default.fileExists(
                atPath: mirror.appendingPathComponent("images/2023-02/10/01/KJRB2023021001_b.jpg").path))
        let listing = try IssueListingReader.read(
            text: String(contentsOf: content.appendingPathComponent("2023/02/10/issue.yml"), encoding: .utf8),
            path: "issue.yml", date: IssueDate(year: 2023, month: 2, day: 10)!)
        let page = try #require(listing.pages.first)
        // Seven areas open five articles: the second and the fourth have two each.
        #expect(page.zones.map(\.article) == [1, 2, 2, 3, 4, 4, 5])
        #expect(page.zones[1].svgPoints == "61,85 171,85 171,155 61,155")
        #expect(page.titles.count == 5)
        // Ingesting again changes nothing.
        #expect(Self.ingest(mirror, into: content).outcomes.allSatisfy { $0.kind == .unchanged })
    }

    @Test func aMissingScanIsReportedAndTheRestIngested() throws {
        let scratch = try ScratchFolder()
        let mirror = try Self.kjrbMirror(in: scratch, scan: false)
        let content = scratch.path("Content")
        let outcomes = Self.ingest(mirror, into: content).outcomes
        let missing = outcomes.filter { $0.kind == .missing }
        #expect(missing.count == 1)
        #expect(
            missing.first?.reason?.hasPrefix(
                "the page's scan ../../../images/2023-02/10/01/KJRB2023021001_b.jpg is missing from the mirror") == true
        )
        #expect(FileManager.default.fileExists(atPath: content.appendingPathComponent("2023/02/10/01/page.pdf").path))
        #expect(FileManager.default.fileExists(atPath: content.appendingPathComponent("2023/02/10/issue.yml").path))
    }

    @Test func nothingOutsideTheMirrorIsRead() throws {
        let scratch = try ScratchFolder()
        let mirror = try Self.kjrbMirror(in: scratch)
        // The page view alone, given as the mirror: its images lie outside that folder.
        let content = scratch.path("Content")
        let outcomes = Self.ingest(mirror.appendingPathComponent("html/2023-02/10"), into: content).outcomes
        #expect(
            outcomes.filter { $0.kind == .missing }.compactMap(\.reason).allSatisfy {
                $0.contains("lies outside the mirror folder")
            })
        #expect(outcomes.filter { $0.kind == .missing }.count == 2)
        #expect(!FileManager.default.fileExists(atPath: content.appendingPathComponent("2023/02/10/01/page.jpg").path))
    }

    @Test func anEditorsScanIsKeptUnlessForced() throws {
        let scratch = try ScratchFolder()
        let mirror = try Self.kjrbMirror(in: scratch)
        let content = scratch.path("Content")
        _ = Self.ingest(mirror, into: content)
        let scan = content.appendingPathComponent("2023/02/10/01/page.jpg")
        try FileManager.default.removeItem(at: scan)
        try FileManager.default.copyItem(at: Self.media.appendingPathComponent("photo.jpg"), to: scan)
        let outcome = Self.ingest(mirror, into: content).outcomes.first {
            $0.target == "Content/2023/02/10/01/page.jpg"
        }
        #expect(outcome?.kind == .kept)
        #expect(try Data(contentsOf: scan) == Data(contentsOf: Self.media.appendingPathComponent("photo.jpg")))
    }

    /// Pad fragments (hbrb): each story's photo, saved by wget as `pic/…/UUID.tif.1` though it is
    /// a JPEG or PNG, goes beside the story as <NN>-1.jpg / .png.
    @Test func anArticlesPhotosAreCopiedInOrderNamedByWhatTheyHold() throws {
        let scratch = try ScratchFolder()
        let mirror = scratch.path("mirror")
        let page = mirror.appendingPathComponent("pad/layout/202302/fragments.html")
        let pictures = mirror.appendingPathComponent("pic/202302/11")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: pictures, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestSupport.fixtures.appendingPathComponent("ingest/hbrb-2023-02-11-fragments.html"), to: page)
        try FileManager.default.copyItem(
            at: Self.media.appendingPathComponent("photo.jpg"),
            to: pictures.appendingPathComponent("2f4cb708-c413-4be0-b01f-fb5709b9ee70.tif.1"))
        try FileManager.default.copyItem(
            at: Self.media.appendingPathComponent("scan.png"),
            to: pictures.appendingPathComponent("50b1f69c-de7b-49d9-8d73-6061a3c80f7e.tif.1"))
        let content = scratch.path("Content")
        let outcomes = Self.ingest(mirror, into: content).outcomes
        let copied = outcomes.compactMap { $0.kind == .written ? $0.target : nil }.filter { !$0.hasSuffix(".md") }
            .sorted()
        #expect(
            copied == [
                "Content/2023/02/11/01/07-1.png", "Content/2023/02/11/03/01-1.png", "Content/2023/02/11/04/03-1.jpg",
            ])
        // The stories whose photos were not saved are ingested all the same; each missing photo is named.
        #expect(
            outcomes.filter { $0.kind == .missing }.allSatisfy {
                $0.reason?.contains("is missing from the mirror") == true
            })
        #expect(outcomes.count { $0.kind == .written && $0.target?.hasSuffix(".md") == true } == 31)
        // The copy builds: the article shows it.
        let site = try ScratchFolder()
        try site.build(content: content)
        #expect(
            try site.read("Public/2023/02/11/04/03.html").contains(
                "<img src=\"../../../../2023/02/11/04/03-1.jpg\" width=\"320\" height=\"200\""))
    }
}
