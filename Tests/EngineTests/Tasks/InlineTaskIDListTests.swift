import Testing
import TestSupport
@testable import Engine

/// `InlineTaskIDList` must be indistinguishable from `[TaskID]` under the operations the
/// registry and the resource book use (the order of an executor's running tasks decides
/// the order in which a lost executor's tasks are re-queued, so it is part of the results).
@Suite struct InlineTaskIDListTests {
    @Test func behavesLikeAnArrayUnderAppendSwapRemoveAndClear() {
        withEverySeed(1...200) { seed in
            var draws = ScalingTests.Draws(state: seed)  // the operation mix, from a fixed-seed generator
            var list = InlineTaskIDList()
            var reference: [TaskID] = []
            var nextTID = 0
            for step in 0..<400 {
                switch draws.next(below: 10) {
                case 0..<5:
                    list.append(TaskID(nextTID))
                    reference.append(TaskID(nextTID))
                    nextTID += 1
                case 5..<9 where !reference.isEmpty:
                    let tid = reference[draws.next(below: reference.count)]
                    let position = try #require(list.firstIndex(of: tid))
                    guard position == reference.firstIndex(of: tid) else {
                        throw PropertyFailure("step \(step): \(tid) at \(position), array has it elsewhere")
                    }
                    list.swapRemove(at: position)
                    reference.swapAt(position, reference.count - 1)
                    reference.removeLast()
                case 9 where draws.next(below: 8) == 0:
                    list.removeAll()
                    reference.removeAll()
                default:
                    break
                }
                guard list.elements == reference, list.count == reference.count,
                      list.isEmpty == reference.isEmpty else {
                    throw PropertyFailure("step \(step): \(list.elements) != \(reference)")
                }
            }
            if list.firstIndex(of: TaskID(nextTID)) != nil { throw PropertyFailure("found a TID never added") }
        }
    }
}
