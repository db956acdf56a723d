/// One recomputation of max-min fair shares, over raw buffers of the network's arrays
/// (see `Network.reshare`): component discovery, then progressive filling, per component.
///
/// Marks: a link or transfer whose mark is below `epoch` has not been reached by this
/// pass; `epoch` means "in the component"; a transfer marked `epoch + 1` has its rate
/// fixed. Rates are left in `newRates`; the network compares them with the old ones.
///
/// Records: the pass also leaves, for every link it covers, what it did (`FillRecord`)
/// and, for every transfer, the link it was fixed at (`bottlenecks`), so that a later
/// change can be re-run from there (`PropagationPass`). Recording adds no floating-point
/// operation on any share.
struct SharingPass {
    let links: UnsafeMutableBufferPointer<LinkState>
    let marks: UnsafeMutableBufferPointer<UInt32>
    let newRates: UnsafeMutableBufferPointer<Double>
    let bottlenecks: UnsafeMutableBufferPointer<Int32>
    let routes: UnsafeBufferPointer<SharingRoute>
    let epoch: UInt32

    /// Recomputes the shares of every component that holds a dirty link, one component
    /// at a time (in the order of the dirty links), so that the heap of progressive
    /// filling holds one component's links and not all of them: many small independent
    /// components (a ring's neighbour transfers) cost O(1) each, not O(log L).
    ///
    /// - Complexity: O(F·R + L log L) over the F transfers and L links reached.
    func run(dirty: [Int32], into work: inout SharingScratch) {
        work.componentLinks.removeAll(keepingCapacity: true)
        work.componentFlows.removeAll(keepingCapacity: true)
        work.largestComponent = 0
        for link in dirty {
            links[Int(link)].isDirty = false
            guard links[Int(link)].mark != epoch else { continue }
            let (firstLink, firstFlow) = (work.componentLinks.count, work.componentFlows.count)
            collectComponent(from: link, into: &work)
            for covered in work.componentLinks[firstLink...] {
                links[Int(covered)].record.isBottleneck = false
                links[Int(covered)].hasHistory = false
            }
            let flowCount = work.componentFlows.count - firstFlow
            work.largestComponent = Swift.max(work.largestComponent, flowCount)
            if flowCount == 1 {
                fixAlone(work.componentFlows[firstFlow])
            } else if flowCount > 1 {
                fillProgressively(linksFrom: firstLink, &work)
            }
        }
    }

    /// Breadth-first closure of `start` over "transfer crosses link", appended to the
    /// work lists.
    private func collectComponent(from start: Int32, into work: inout SharingScratch) {
        var next = work.componentLinks.count
        links[Int(start)].mark = epoch
        work.componentLinks.append(start)
        while next < work.componentLinks.count {
            let link = Int(work.componentLinks[next])
            next += 1
            links[link].flows.withUnsafeBufferPointer { onLink in
                for slot in onLink where marks[Int(slot)] < epoch {
                    marks[Int(slot)] = epoch
                    work.componentFlows.append(slot)
                    let route = routes[Int(slot)]
                    for k in 0..<route.count {
                        let other = Int(route[k])
                        if links[other].mark != epoch {
                            links[other].mark = epoch
                            work.componentLinks.append(Int32(other))
                        }
                    }
                }
            }
        }
    }

    /// A transfer alone in its component gets its slowest link's whole rate. Its bottleneck
    /// is the link progressive filling would pop first: the least (capacity, link).
    private func fixAlone(_ slot: Int32) {
        let route = routes[Int(slot)]
        var rate = Double.infinity
        var bottleneck = route[0]
        for k in 0..<route.count {
            let link = route[k]
            rate = Swift.min(rate, links[Int(link)].capacity)
            if OrderKey(share: links[Int(link)].capacity, link: link)
                < OrderKey(share: links[Int(bottleneck)].capacity, link: bottleneck) { bottleneck = link }
        }
        marks[Int(slot)] = epoch + 1
        let share = Swift.max(0, rate)
        newRates[Int(slot)] = share
        bottlenecks[Int(slot)] = bottleneck
        links[Int(bottleneck)].record = FillRecord(isBottleneck: true, share: share, order: share)
    }

    /// Progressive filling over the component whose links start at `firstLink` in the
    /// work list, with a lazy heap of links by share (see `Network+Sharing`).
    ///
    /// - Complexity: O(F·R + (L + S) log L), S stale heap entries refreshed.
    private func fillProgressively(linksFrom firstLink: Int, _ work: inout SharingScratch) {
        work.heap.removeAll()
        for link in work.componentLinks[firstLink...] {
            let l = Int(link)
            links[l].remainingCapacity = links[l].capacity
            links[l].unfixed = Int32(links[l].flows.count)
            links[l].version = 0
            if links[l].unfixed > 0 {
                let share = share(of: l)
                links[l].order = share
                work.heap.push(ShareEntry(share: share, link: link, version: 0))
            }
        }
        while let top = work.heap.pop() {
            let l = Int(top.link)
            if links[l].unfixed == 0 { continue }
            if top.version != links[l].version {
                let fresh = share(of: l)
                links[l].order = fresh < top.share ? top.share : fresh
                work.heap.push(ShareEntry(share: fresh, link: top.link, version: links[l].version))
                continue
            }
            links[l].record = FillRecord(isBottleneck: true, share: top.share, order: links[l].order)
            fixTransfers(on: l, at: top.share)
        }
    }

    /// Fixes every unfixed transfer on bottleneck link `l` at `share` and charges it to
    /// its other links.
    private func fixTransfers(on l: Int, at share: Double) {
        let fixed = epoch + 1
        links[l].flows.withUnsafeBufferPointer { onLink in
            for slot in onLink where marks[Int(slot)] != fixed {
                marks[Int(slot)] = fixed
                newRates[Int(slot)] = share
                bottlenecks[Int(slot)] = Int32(l)
                let route = routes[Int(slot)]
                for k in 0..<route.count {
                    let other = Int(route[k])
                    if other != l {
                        links[other].remainingCapacity -= share
                        links[other].unfixed -= 1
                        links[other].version &+= 1
                    }
                }
            }
        }
        links[l].unfixed = 0
    }

    @inline(__always)
    private func share(of l: Int) -> Double {
        Swift.max(0, links[l].remainingCapacity) / Double(links[l].unfixed)
    }
}
