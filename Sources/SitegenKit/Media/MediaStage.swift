import Foundation

/// The build's media step: every scan, PDF and photo of Content made ready for the site (through
/// `MediaStore`, so only new or changed files are processed), or every file that cannot be, named.
enum MediaStage {
    static func process(
        _ files: [MediaFile], contentRoot: URL, displayPath: (String) -> String,
        output: URL
    ) throws(SitegenErrors) -> (media: SiteMedia, processed: Int) {
        guard !files.isEmpty else { return (SiteMedia(), 0) }
        let store = MediaStore(output: output)
        let index = store.loadIndex()
        var known: [UInt64: MediaStore.Record] = [:]
        for record in index.values { known[record.digest] = record }
        let rootPath = contentRoot.standardizedFileURL.path + "/"
        let frozenKnown = known
        let results = parallelMap(files) {
            file -> Result<(record: MediaStore.Record, processed: Bool), ImageProcessor.Failure> in
            do throws(ImageProcessor.Failure) {
                return .success(
                    try store.record(for: file, at: rootPath + file.relative, index: index, known: frozenKnown))
            } catch {
                return .failure(error)
            }
        }
        var errors: [SitegenError] = []
        var records: [String: MediaStore.Record] = [:]
        var processed = 0
        for (file, result) in zip(files, results) {
            switch result {
            case .success(let made):
                records[file.relative] = made.record
                if made.processed { processed += 1 }
            case .failure(let failure):
                errors.append(
                    SitegenError(
                        path: displayPath(file.relative), failure.message,
                        fix: file.name == .pdf
                            ? "replace it with the page's PDF, or remove it"
                            : "replace it with a JPEG, PNG or WebP image of the page or photo, or remove it"))
            }
        }
        guard errors.isEmpty else { throw SitegenErrors(errors) }
        if records.count != index.count
            || records.contains(where: {
                index[$0.key]?.digest != $0.value.digest || index[$0.key]?.modified != $0.value.modified
            })
        {
            store.saveIndex(records)
            store.prune(keeping: records.values)
        }
        return (arrange(files, records: records, store: store, rootPath: rootPath), processed)
    }

    /// Places each file's record in the site: `2018/07/19/03/page.jpg`, `page-thumb.jpg`, `page.pdf`, `05-1.jpg`.
    private static func arrange(
        _ files: [MediaFile], records: [String: MediaStore.Record], store: MediaStore,
        rootPath: String
    ) -> SiteMedia {
        var media = SiteMedia()
        var photos: [Article.Slot: [(number: Int, image: SiteMedia.Image)]] = [:]
        for file in files {
            guard let record = records[file.relative] else { continue }
            let folder = "\(file.date.path)/\(file.page.path)/"
            let key = SiteMedia.PageKey(date: file.date, page: file.page)
            func image(_ variant: String, named name: String) -> SiteMedia.Image? {
                guard let copy = record.variants.first(where: { $0.name == variant }) else { return nil }
                let fingerprint = StableHash.of {
                    $0.combine(record.digest)
                    $0.combine(variant)
                }
                media.files.append(
                    .init(
                        path: folder + name, source: store.folder.appendingPathComponent(copy.file).path,
                        fingerprint: fingerprint))
                return SiteMedia.Image(
                    path: folder + name, width: copy.width, height: copy.height, fingerprint: fingerprint)
            }
            switch file.name {
            case .scan(let ext):
                // One scan per page: of page.jpg and page.png, the first by name (`sitegen check` reports the other).
                guard media.pages[key]?.scan == nil else { continue }
                let ext = MediaName.outputExtension(ext)
                guard let display = image("display", named: "page.\(ext)"),
                    let thumb = image("thumb", named: "page-thumb.\(ext)")
                else { continue }
                media.pages[key, default: .init()].scan = SiteMedia.Scan(
                    width: record.width, height: record.height,
                    display: display, thumbnail: thumb)
            case .pdf:
                let path = folder + "page.pdf"
                media.files.append(.init(path: path, source: rootPath + file.relative, fingerprint: record.digest))
                media.pages[key, default: .init()].pdf = SiteMedia.Image(
                    path: path, width: 0, height: 0, fingerprint: record.digest)
            case .photo(let order, let number, let ext):
                let slot = Article.Slot(date: file.date, page: file.page, order: order)
                let name = "\(ArchivePath.padded(order))-\(number).\(MediaName.outputExtension(ext))"
                guard let display = image("display", named: name) else { continue }
                photos[slot, default: []].append((number, display))
            }
        }
        for (slot, list) in photos { media.photos[slot] = list.sorted { $0.number < $1.number }.map(\.image) }
        return media
    }
}
