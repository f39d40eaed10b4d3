import Foundation

/// `sitegen check` on the scans, zones, PDFs and photos of Content (docs/content-format.md, 版面图).
extension ContentChecker {
    func mediaFindings(_ archive: Archive, listings: [IssueListing], media: [MediaFile], display: (String) -> String)
        -> [Finding]
    {
        undecodableMedia(media, display: display) + zonesWithoutArticles(archive, listings: listings, media: media)
            + photosWithoutCaptions(archive, media: media, display: display)
    }

    /// Every image decoded in full (at a small scale) and every PDF's signature read, as the build would.
    func undecodableMedia(_ media: [MediaFile], display: (String) -> String) -> [Finding] {
        let root = content.standardizedFileURL.path + "/"
        let failures = parallelMap(media) { file -> String? in
            let path = root + file.relative
            if case .pdf = file.name {
                guard let handle = FileHandle(forReadingAtPath: path) else { return "cannot be read" }
                defer { try? handle.close() }
                let head = (try? handle.read(upToCount: 5)) ?? Data()
                return head == Data("%PDF-".utf8) ? nil : "is not a PDF file"
            }
            do throws(ImageProcessor.Failure) {
                try ImageProcessor.verify(path)
                return nil
            } catch {
                return error.message
            }
        }
        return zip(media, failures).compactMap { file, failure in
            failure.map {
                Finding(
                    .undecodableImage, path: display(file.relative), $0,
                    fix: "replace it with a JPEG, PNG or WebP image (or the page's PDF), or remove it")
            }
        }
    }

    /// Zones whose position has no article, or drawn on a page without a scan.
    func zonesWithoutArticles(_ archive: Archive, listings: [IssueListing], media: [MediaFile]) -> [Finding] {
        let listingPaths = Dictionary(
            listings.map { ($0.date, $0.sourcePath) }, uniquingKeysWith: { first, _ in first })
        let scanned = Set(
            media.compactMap { file -> SiteMedia.PageKey? in
                if case .scan = file.name { return SiteMedia.PageKey(date: file.date, page: file.page) }
                return nil
            })
        var findings: [Finding] = []
        for issue in archive.issues {
            for page in issue.pages where !page.zones.isEmpty {
                let path = listingPaths[issue.date] ?? "\(issue.date.path)/issue.yml"
                let archived = Set(page.entries.filter { $0.article != nil }.map(\.position))
                if !scanned.contains(SiteMedia.PageKey(date: issue.date, page: page.label)) {
                    findings.append(
                        Finding(
                            .zoneWithoutArticle, path: path, line: page.zones[0].line,
                            "\(page.label.chineseName) has zones but no scan",
                            fix: "add the scan as \(issue.date.path)/\(page.label.path)/page.jpg"))
                }
                for zone in page.zones where !archived.contains(zone.article) {
                    findings.append(
                        Finding(
                            .zoneWithoutArticle, path: path, line: zone.line,
                            "a zone of \(page.label.chineseName) opens article \(zone.article), which is not archived",
                            fix:
                                "add \(Article.Slot(date: issue.date, page: page.label, order: zone.article).contentPath), or correct the zone's `article`"
                        ))
                }
            }
        }
        return findings
    }

    /// Photos `<NN>-<K>.jpg` without caption K, or without article NN.
    func photosWithoutCaptions(_ archive: Archive, media: [MediaFile], display: (String) -> String) -> [Finding] {
        let articles = Dictionary(archive.articles.map { ($0.slot, $0) }, uniquingKeysWith: { first, _ in first })
        var photos: [Article.Slot: [(number: Int, file: MediaFile)]] = [:]
        for file in media {
            guard case .photo(let order, let number, _) = file.name else { continue }
            photos[Article.Slot(date: file.date, page: file.page, order: order), default: []].append((number, file))
        }
        var findings: [Finding] = []
        for (slot, list) in photos {
            let sorted = list.sorted { $0.number < $1.number }
            guard let article = articles[slot] else {
                for photo in sorted {
                    findings.append(
                        Finding(
                            .photoWithoutCaption, path: display(photo.file.relative),
                            "is a photo of article \(slot.order) of \(slot.page.chineseName), which is not archived",
                            fix: "add \(slot.contentPath), or rename the photo after its article"))
                }
                continue
            }
            // Photos are captioned in order: the K-th photo by number takes the K-th caption.
            for (offset, photo) in sorted.enumerated() where offset >= article.captions.count {
                findings.append(
                    Finding(
                        .photoWithoutCaption, path: display(photo.file.relative),
                        "is photo \(offset + 1) of 「\(article.title)」, which has \(article.captions.count) caption(s)",
                        fix: "add its caption as item \(offset + 1) of `captions` in \(display(article.sourcePath))"))
            }
        }
        return findings.sorted { ($0.path ?? "") < ($1.path ?? "") }
    }
}
