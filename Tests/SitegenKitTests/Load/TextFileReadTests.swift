import Foundation
import Testing

@testable import SitegenKit

/// `TextFile.readBytes` reads a file whole, in as few reads as it can, and refuses one that holds
/// more than its size said.
@Suite struct TextFileReadTests {
    @Test(arguments: [0, 1, 4095, 4096, 4097, 65_536, 1_000_003])
    func aFileIsReadWhole(_ size: Int) throws {
        let scratch = try ScratchFolder()
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let path = scratch.path("file.md").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try TextFile.readBytes(path: path, displayPath: "file.md") == bytes)
    }

    /// A file the kernel says is empty but that reads as text (`/proc`): what the size said was
    /// not the file, and the build is told so rather than given part of it.
    @Test func aFileLongerThanItsSizeIsRefused() throws {
        let path = "/proc/self/status"
        try #require(FileManager.default.fileExists(atPath: path))
        let error = #expect(throws: SitegenError.self) { try TextFile.readBytes(path: path, displayPath: "status") }
        #expect(error?.message.contains("changed while it was read") == true)
    }
}
