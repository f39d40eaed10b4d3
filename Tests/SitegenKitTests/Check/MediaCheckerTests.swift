import Foundation
import Testing

@testable import SitegenKit

/// `sitegen check` on scans, zones, PDFs and photos: zone-without-article, photo-without-caption,
/// undecodable-image.
@Suite struct MediaCheckerTests {
    func codes(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.severity.rawValue)[\($0.code)] \($0.path ?? ""):\($0.line ?? 0)" }.sorted()
    }

    func mediaFindings(_ content: URL) -> [Finding] {
        ContentChecker(content: content, displayContent: "Content").findings().filter { $0.code != .unarchivedTitle }
    }

    @Test func aZoneWithoutItsArticleIsAWarning() throws {
        let scratch = try ScratchFolder()
        let content = try MediaBuildTests.contentWithMedia(in: scratch)
        let found = mediaFindings(content)
        #expect(codes(found) == ["warning[zone-without-article] Content/2018/07/19/issue.yml:22"])
        #expect(found.first?.message == "a zone of 第3版 opens article 2, which is not archived")
    }

    @Test func zonesOnAPageWithoutAScanAreAWarning() throws {
        let scratch = try ScratchFolder()
        let content = try MediaBuildTests.contentWithMedia(in: scratch)
        try FileManager.default.removeItem(at: content.appendingPathComponent("2018/07/19/03/page.jpg"))
        let found = mediaFindings(content)
        #expect(found.contains { $0.code == .zoneWithoutArticle && $0.message == "第3版 has zones but no scan" })
    }

    @Test func aPhotoWithoutACaptionIsAWarning() throws {
        let scratch = try ScratchFolder()
        let content = try MediaBuildTests.contentWithMedia(in: scratch, zones: false)
        let page = content.appendingPathComponent("2018/07/19/03")
        // 05.md has one caption: its second photo has none; there is no article 09 for 09-1.jpg.
        try FileManager.default.copyItem(
            at: MediaBuildTests.media.appendingPathComponent("photo.jpg"), to: page.appendingPathComponent("05-2.jpg"))
        try FileManager.default.copyItem(
            at: MediaBuildTests.media.appendingPathComponent("photo.jpg"), to: page.appendingPathComponent("09-1.jpg"))
        let found = mediaFindings(content)
        #expect(
            codes(found) == [
                "warning[photo-without-caption] Content/2018/07/19/03/05-2.jpg:0",
                "warning[photo-without-caption] Content/2018/07/19/03/09-1.jpg:0",
            ])
        #expect(
            found.map(\.message).sorted() == [
                "is a photo of article 9 of 第3版, which is not archived",
                "is photo 2 of 「党建引领聚合力 打赢脱贫攻坚战」, which has 1 caption(s)",
            ])
    }

    @Test func anImageThatCannotBeDecodedIsAnError() throws {
        let scratch = try ScratchFolder()
        let content = try MediaBuildTests.contentWithMedia(in: scratch, zones: false)
        let page = content.appendingPathComponent("2018/07/19/03")
        try FileManager.default.removeItem(at: page.appendingPathComponent("05-1.jpg"))
        #expect(mediaFindings(content).isEmpty)
        for (file, name) in [("truncated.jpg", "05-1.jpg"), ("not-an-image.jpg", "06-1.jpg"), ("huge.png", "page.png")]
        {
            try FileManager.default.copyItem(
                at: MediaBuildTests.media.appendingPathComponent(file), to: page.appendingPathComponent(name))
        }
        try Data("not a pdf".utf8).write(to: page.appendingPathComponent("page.pdf"))
        let found = mediaFindings(content).filter { $0.code == .undecodableImage }
        #expect(
            codes(found) == [
                "error[undecodable-image] Content/2018/07/19/03/05-1.jpg:0",
                "error[undecodable-image] Content/2018/07/19/03/06-1.jpg:0",
                "error[undecodable-image] Content/2018/07/19/03/page.pdf:0",
                "error[undecodable-image] Content/2018/07/19/03/page.png:0",
            ])
    }
}
