import Foundation
import Testing

@testable import SitegenKit

@Suite struct BuildStateTests {
    /// The staging tree is saved as its differences from the published tree; it must come back whole,
    /// whatever differs: changed, added and removed files and groups, or everything.
    @Test func bothTreesComeBackAsSaved() throws {
        let scratch = try ScratchFolder()
        let output = scratch.path("Public")
        var published: [String: UInt64] = [:]
        for number in 0..<500 { published["2001/01/\(number)/index.html"] = UInt64(number) }
        var staging = published
        staging["2001/01/7/index.html"] = 70  // changed
        staging["2001/01/9/index.html"] = nil  // gone
        staging["old/page.html"] = 1  // only in the staging tree
        let cases: [(published: [String: UInt64], staging: [String: UInt64]?)] = [
            (published, staging), (published, published), (published, [:]), ([:], staging), (published, nil),
        ]
        for (publishedOutputs, stagingOutputs) in cases {
            var state = BuildState()
            state.published = BuildState.Tree(
                identity: .init(inode: 1, changed: 2), outputs: publishedOutputs,
                groups: ["search/a": 1, "search/b": 2])
            state.staging = stagingOutputs.map {
                BuildState.Tree(
                    identity: .init(inode: 3, changed: 4), outputs: $0, groups: ["search/a": 5, "search/c": 6])
            }
            try state.save(for: output)
            let loaded = BuildState.load(for: output, contentRoot: scratch.path("Content"))
            #expect(loaded.published == state.published)
            #expect(loaded.staging == state.staging)
            // Told where the trees differ (as a build that swapped them is), the save compares only there.
            state.stagingDiffersOnlyIn = Set(publishedOutputs.keys).union(stagingOutputs?.keys ?? [:].keys)
                .filter { publishedOutputs[$0] != stagingOutputs?[$0] }
            try state.save(for: output)
            #expect(BuildState.load(for: output, contentRoot: scratch.path("Content")).staging == state.staging)
        }
    }
}
