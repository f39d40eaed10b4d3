import Foundation
import Testing
@testable import SitegenKit

@Suite struct BuildStateTests {
    /// The spare is saved as its differences from the published tree; it must come back whole,
    /// whatever differs: changed, added and removed files and groups, or everything.
    @Test func bothTreesComeBackAsSaved() throws {
        let scratch = try ScratchFolder()
        let output = scratch.path("Public")
        var published: [String: UInt64] = [:]
        for number in 0..<500 { published["2001/01/\(number)/index.html"] = UInt64(number) }
        var spare = published
        spare["2001/01/7/index.html"] = 70  // changed
        spare["2001/01/9/index.html"] = nil  // gone
        spare["old/page.html"] = 1  // only in the spare
        let cases: [(published: [String: UInt64], spare: [String: UInt64]?)] = [
            (published, spare), (published, published), (published, [:]), ([:], spare), (published, nil),
        ]
        for (publishedOutputs, spareOutputs) in cases {
            var state = BuildState()
            state.published = BuildState.Tree(identity: .init(inode: 1, changed: 2), outputs: publishedOutputs,
                                              groups: ["search/a": 1, "search/b": 2])
            state.spare = spareOutputs.map {
                BuildState.Tree(identity: .init(inode: 3, changed: 4), outputs: $0, groups: ["search/a": 5, "search/c": 6])
            }
            try state.save(for: output)
            let loaded = BuildState.load(for: output, contentRoot: scratch.path("Content"))
            #expect(loaded.published == state.published)
            #expect(loaded.spare == state.spare)
            // Told where the trees differ (as a build that swapped them is), the save compares only there.
            state.spareDiffersOnlyIn = Set(publishedOutputs.keys).union(spareOutputs?.keys ?? [:].keys)
                .filter { publishedOutputs[$0] != spareOutputs?[$0] }
            try state.save(for: output)
            #expect(BuildState.load(for: output, contentRoot: scratch.path("Content")).spare == state.spare)
        }
    }
}
