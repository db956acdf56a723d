/// One recomputation of max-min fair shares, over raw buffers of the network's arrays
/// (see `Network.reshare`): component discovery, then progressive filling.
///
/// Marks: a link or transfer whose mark is below `epoch` has not been reached by this
/// pass; `epoch` means "in the component"; a transfer marked `epoch + 1` has its rate
/// fixed. Rates are left in `newRates`; the network compares them with the old ones.
struct SharingPass {
    let links: UnsafeMutableBufferPointer<LinkState>
    let marks: UnsafeMutableBufferPointer<UInt32>
    let newRates: UnsafeMutableBufferPointer<Double>
    let routes: UnsafeBufferPointer<SharingRoute>
    let epoch: UInt32

    /// Breadth-first closure of the dirty links over "transfer crosses link".
    ///
    /// - Complexity: O(F·R + L) for the F transfers and L links reached.
    func collectComponent(dirty: [Int32], into work: inout SharingScratch) {
        work.componentLinks.removeAll(keepingCapacity: true)
        work.componentFlows.removeAll(keepingCapacity: true)
        for link in dirty {
            links[Int(link)].isDirty = false
            if links[Int(link)].mark != epoch {
                links[Int(link)].mark = epoch
                work.componentLinks.append(link)
            }
        }
        var next = 0
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

    /// Progressive filling over the collected component, with a lazy heap of links by
    /// share (see `Network+Sharing`).
    ///
    /// - Complexity: O(F·R + (L + S) log L), S stale heap entries refreshed.
    func fillProgressively(_ work: inout SharingScratch) {
        work.heap.removeAll(keepingCapacity: true)
        for link in work.componentLinks {
            let l = Int(link)
            links[l].remainingCapacity = links[l].capacity
            links[l].unfixed = Int32(links[l].flows.count)
            links[l].version = 0
            if links[l].unfixed > 0 { work.push(ShareEntry(share: share(of: l), link: link, version: 0)) }
        }
        while let top = work.pop() {
            let l = Int(top.link)
            if links[l].unfixed == 0 { continue }
            if top.version != links[l].version {
                work.push(ShareEntry(share: share(of: l), link: top.link, version: links[l].version))
                continue
            }
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
