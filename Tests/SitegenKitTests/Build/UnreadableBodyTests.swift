import Foundation
import Glibc
import Testing

@testable import SitegenKit

/// A cached article's body is read from its file only when its pages are made again. If the file
/// can no longer be read then (damaged in place during the build), the build stops naming the
/// file; it never publishes an empty article.
struct UnreadableBodyTests {
    @Test func aBodyThatCannotBeReadAgainStopsTheBuildNamingTheFile() throws {
        let project = try IncrementalBuildTests.Project()
        let relative = "2019/01/02/02/01.md"
        let file = project.content.appendingPathComponent(relative)
        let published = try project.files("Public")

        // Damage the body in place, keeping the size, the inode and the modification time, so the
        // build's cache still trusts the article and reads its body only when rendering.
        var status = stat()
        #expect(stat(file.path, &status) == 0)
        var bytes = try [UInt8](Data(contentsOf: file))
        let last = try #require(bytes.lastIndex { $0 >= 0x80 })
        bytes[last] = 0xFF
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
        var times = [status.st_atim, status.st_mtim]
        #expect(utimensat(AT_FDCWD, file.path, &times, 0) == 0)

        // A template edit makes every article page again, so the body is read.
        try project.edit("article.mustache", in: project.templates) { $0 + "\n" }
        var failure: SitegenErrors?
        do { try project.build() } catch { failure = error as? SitegenErrors }
        let errors = try #require(failure).errors
        #expect(errors.count == 1)
        #expect(errors.first?.path?.hasSuffix("Content/" + relative) == true)
        #expect("\(errors[0])".contains("could not be read again"))
        #expect(try project.files("Public") == published, "the previous site is left as it was")
    }
}
