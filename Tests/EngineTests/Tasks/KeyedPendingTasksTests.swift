import Testing
import TestSupport
@testable import Engine

/// `KeyedPendingTasks` keeps its lists as segments of one storage; it must behave exactly
/// as the array per key it replaced (list contents and order decide which task an offer
/// takes, so they are part of the results): pushes, staged pushes, removal through a lent
/// segment from the top or the middle, lists dropped and created again, segments outgrown,
/// and keys found by registry number: numbered from their list's creation, or registered
/// later (a host whose executor came after the task set) and forwarded.
@Suite struct KeyedPendingTasksTests {
    /// The model: an array per key, present or not, and the keys' creation order.
    struct Reference {
        var lists: [String: [Int]] = [:]
        var order: [String] = []

        mutating func push(_ index: Int, key: String) {
            if lists[key] == nil { order.append(key) }
            lists[key, default: []].append(index)
        }

        /// A bulk push creates the list even when it brings nothing.
        mutating func push(contentsOf indices: [Int], key: String) {
            if lists[key] == nil { order.append(key) }
            lists[key, default: []].append(contentsOf: indices)
        }

        /// The scan of `hasTaskNeedingScheduling`: trims stale tops, drops emptied keys.
        mutating func hasTaskNeedingScheduling(_ needs: (Int) -> Bool) -> Bool {
            while let key = order.first {
                while let last = lists[key]!.last {
                    if needs(last) { return true }
                    lists[key]!.removeLast()
                }
                order.removeFirst()
                lists[key] = nil
            }
            return false
        }
    }

    @Test func behavesLikeAnArrayPerKey() {
        withEverySeed(1...200) { seed in
            var draws = ScalingTests.Draws(state: seed)
            var lists = KeyedPendingTasks()
            var reference = Reference()
            let keys = (0..<6).map { "host\($0)" }
            // Distinct registry numbers with gaps; a key has its number once "registered".
            let numbers = keys.indices.map { Int32(2 * $0 + draws.next(below: 2)) }
            var registered = keys.indices.map { _ in draws.next(below: 2) == 0 }
            func number(_ key: String) -> Int32? {
                let k = keys.firstIndex(of: key)!
                return registered[k] ? numbers[k] : nil
            }
            var nextIndex = 0
            // Half the seeds start as a task set's creation does: staged pushes.
            if draws.next(below: 2) == 0 {
                lists.beginStaging()
                for _ in 0..<draws.next(below: 60) {
                    let key = keys[draws.next(below: keys.count)]
                    lists.push(nextIndex, key: key, number: number(key), isAlive: true)
                    reference.push(nextIndex, key: key)
                    nextIndex += 1
                }
                lists.commitStaged()
            }
            for step in 0..<300 {
                let key = keys[draws.next(below: keys.count)]
                if draws.next(below: 50) == 0 { registered[draws.next(below: keys.count)] = true }
                switch draws.next(below: 10) {
                case 0..<4:
                    lists.push(nextIndex, key: key, number: number(key), isAlive: true)
                    reference.push(nextIndex, key: key)
                    nextIndex += 1
                case 4..<7:
                    // Remove one entry, the top or (a tenth of the time) one below it.
                    let fromTop = draws.next(below: 10) != 0
                    let depth = draws.next(below: 4)
                    // By number (when the caller has it) or by key: the same list.
                    let byNumber = draws.next(below: 2) == 0 ? number(key) : nil
                    let removed = lists.withList(key, number: byNumber) { list -> Int? in
                        guard list.count > 0 else { return nil }
                        let offset = fromTop ? list.count - 1 : Swift.max(0, list.count - 1 - depth)
                        return list.remove(at: offset)
                    }
                    if var expected = reference.lists[key], !expected.isEmpty {
                        let offset = fromTop ? expected.count - 1 : Swift.max(0, expected.count - 1 - depth)
                        let value = expected.remove(at: offset)
                        reference.lists[key] = expected
                        guard removed == value else {
                            throw PropertyFailure("step \(step): removed \(String(describing: removed)), expected \(value)")
                        }
                    } else if removed != nil {
                        throw PropertyFailure("step \(step): removed \(removed!) from an empty or absent list")
                    }
                case 7:
                    // Staleness by parity of a threshold: drops whole lists now and then.
                    let threshold = draws.next(below: nextIndex + 1)
                    let needs: (Int) -> Bool = { $0 >= threshold }
                    let got = lists.hasTaskNeedingScheduling(needs, isAlive: { _ in true })
                    guard got == reference.hasTaskNeedingScheduling(needs) else {
                        throw PropertyFailure("step \(step): hasTaskNeedingScheduling disagrees")
                    }
                default:
                    let bulk = (0..<draws.next(below: 5)).map { _ in draws.next(below: 1_000) }
                    lists.push(contentsOf: bulk, key: key, isAlive: true)
                    reference.push(contentsOf: bulk, key: key)
                }
                for key in keys where lists.list(forKey: key) != reference.lists[key] {
                    throw PropertyFailure("step \(step): \(key) is \(String(describing: lists.list(forKey: key))), "
                                          + "expected \(String(describing: reference.lists[key]))")
                }
                guard lists.insertionOrderedKeys == reference.order,
                      lists.countAliveKeys({ _ in true }) == reference.order.count,
                      lists.aliveKeyCount == reference.order.count else {
                    throw PropertyFailure("step \(step): keys \(lists.insertionOrderedKeys), expected \(reference.order)")
                }
            }
        }
    }
}
