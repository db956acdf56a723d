/// One GPU of an executor, as the scenario describes it.
///
/// Every field is optional because the scenario's `gpu:` section is: a run that gives
/// tasks plain durations never needs a FLOP rate, and Sim does not invent one.
public struct GPUSpec: Hashable, Sendable {
    /// The model name (`v100`), for reports; nil when the scenario names none.
    public var model: String?
    /// The GPU's peak rate; nil when unknown (work in FLOPs cannot then run on it).
    public var flops: FlopRate?
    /// The GPU's memory; nil when unknown.
    public var memory: ByteCount?

    public init(model: String? = nil, flops: FlopRate? = nil, memory: ByteCount? = nil) {
        self.model = model
        self.flops = flops
        self.memory = memory
    }
}

/// An executor as a caller describes it before it joins the cluster: a worker process
/// with cores, memory and GPUs, on a host, in a rack, named by stable string ids.
///
/// Why strings: ids come from the scenario file (`exec1`, or generated ids such as
/// `exec0-1-0`) and appear verbatim in traces; the topology gives each one a dense
/// integer index as well, for arrays. A cluster without racks puts every host in one
/// rack whose id the caller chooses.
public struct ExecutorSpec: Hashable, Sendable {
    public var id: String
    public var host: String
    public var rack: String
    public var cores: Int
    public var memory: ByteCount
    /// The rate of one CPU core; nil when unknown.
    public var cpuFlopsPerCore: FlopRate?
    /// GPU `i` is the executor's GPU with address `i`.
    public var gpus: [GPUSpec]

    public init(
        id: String, host: String, rack: String, cores: Int, memory: ByteCount = ByteCount(bytes: 0),
        cpuFlopsPerCore: FlopRate? = nil, gpus: [GPUSpec] = []
    ) {
        precondition(!id.isEmpty && !host.isEmpty && !rack.isEmpty, "ExecutorSpec: empty id")
        precondition(cores >= 0, "ExecutorSpec: \(id) has \(cores) cores")
        precondition(memory.bytes >= 0, "ExecutorSpec: \(id) has negative memory")
        self.id = id
        self.host = host
        self.rack = rack
        self.cores = cores
        self.memory = memory
        self.cpuFlopsPerCore = cpuFlopsPerCore
        self.gpus = gpus
    }
}
