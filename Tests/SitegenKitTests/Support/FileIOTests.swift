import Foundation
import Testing

@testable import SitegenKit

@Suite struct FileIOTests {
    /// The staging tree is made by `linkTree` from the published site: the same files (one inode
    /// each), links kept as links, and repeating it over a partial copy completes it.
    @Test func linkTreeLinksFilesAndKeepsSymbolicLinks() throws {
        let scratch = try ScratchFolder()
        try scratch.write(
            [
                "index.html": "首页", "2018/07/19/index.html": "期", "2018/07/19/03/05.html": "文章",
                "elsewhere/secret.txt": "不应复制",
            ], under: "Site")
        let site = scratch.path("Site")
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent(".deploy").path, withDestinationPath: "../Outside")
        try FileManager.default.createDirectory(at: scratch.path("Copy/2018"), withIntermediateDirectories: true)
        try "旧的".write(to: scratch.path("Copy/index.html"), atomically: false, encoding: .utf8)

        try FileIO.linkTree(from: site, to: scratch.path("Copy"))
        try FileIO.linkTree(from: site, to: scratch.path("Copy"))  // again: nothing changes, nothing fails

        func inode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: scratch.path(path).path)[.systemFileNumber] as? Int) ?? -1
        }
        for file in ["index.html", "2018/07/19/index.html", "2018/07/19/03/05.html", "elsewhere/secret.txt"] {
            #expect(try inode("Site/" + file) == (try inode("Copy/" + file)), "\(file) should be the same file")
        }
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: scratch.path("Copy/.deploy").path) == "../Outside"
        )
        #expect(try scratch.read("Copy/index.html") == "首页")
    }

    /// Replacing a file never writes through a hard link, whatever the caller expects: a linked
    /// file is made anew (its other name keeps the old bytes), a lone one gets the new bytes, with
    /// or without `likelyLinked`.
    @Test(arguments: [false, true])
    func replacingNeverWritesThroughALink(likelyLinked: Bool) throws {
        let scratch = try ScratchFolder()
        try scratch.write(["published.html": "旧的文章，比新的长", "lone.html": "旧的"], under: "Site")
        let published = scratch.path("Site/published.html").path
        let staging = scratch.path("Site/staging.html").path
        #expect(link(published, staging) == 0)
        for (path, text) in [(staging, "新的"), (scratch.path("Site/lone.html").path, "新")] {
            try Array(text.utf8).withUnsafeBufferPointer {
                try FileIO.replace(with: $0, at: path, likelyLinked: likelyLinked)
            }
        }
        #expect(try scratch.read("Site/published.html") == "旧的文章，比新的长")
        #expect(try scratch.read("Site/staging.html") == "新的")
        #expect(try scratch.read("Site/lone.html") == "新")
    }

    /// The parallel walk sees exactly what the serial one sees, however deep the tree (a single
    /// top folder is split further), with each file's stamp as `stat` gives it.
    @Test func walkInParallelSeesWhatTheSerialWalkSees() throws {
        let scratch = try ScratchFolder()
        var files: [String: String] = ["top.txt": "t"]
        for month in 1...12 {
            for day in [1, 15] {
                files["2001/\(ArchivePath.padded(month))/\(ArchivePath.padded(day))/0\(month % 3 + 1)/01.md"] =
                    "\(month)-\(day)"
            }
        }
        files["2002/01/x.md"] = "y"
        let root = try scratch.write(files, under: "Content")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("2001/link.md").path, withDestinationPath: "../top.txt")
        var serial: [String] = []
        FileIO.walk(root.path) { relative, _, kind in
            serial.append("\(relative) \(kind)")
            return true
        }
        let parts = FileIO.walkInParallel(root.path, statFiles: true, part: { [String: Int?]() }) {
            seen, relative, _, kind, status in
            seen.updateValue(status.map { Int($0.st_size) }, forKey: "\(relative) \(kind)")
            return true
        }
        #expect(parts.count > 2, "the single year folder is split")
        var merged: [String: Int?] = [:]
        for part in parts { merged.merge(part) { first, _ in first } }
        #expect(merged.keys.sorted() == serial.sorted())
        #expect(parts.map(\.count).reduce(0, +) == serial.count, "each entry is visited once")
        for (path, text) in files { #expect(merged["\(path) file"] == .some(text.utf8.count)) }
        #expect(merged["2001/link.md link"] == .some(nil), "a link has no file status")
    }
}
