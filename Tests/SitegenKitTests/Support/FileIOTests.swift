import Foundation
import Testing
@testable import SitegenKit

@Suite struct FileIOTests {
    /// The spare tree is made by `linkTree` from the published site: the same files (one inode
    /// each), links kept as links, and repeating it over a partial copy completes it.
    @Test func linkTreeLinksFilesAndKeepsSymbolicLinks() throws {
        let scratch = try ScratchFolder()
        try scratch.write(["index.html": "首页", "2018/07/19/index.html": "期", "2018/07/19/03/05.html": "文章",
                           "elsewhere/secret.txt": "不应复制"], under: "Site")
        let site = scratch.path("Site")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent(".deploy").path, withDestinationPath: "../Outside")
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
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.path("Copy/.deploy").path) == "../Outside")
        #expect(try scratch.read("Copy/index.html") == "首页")
    }
}
