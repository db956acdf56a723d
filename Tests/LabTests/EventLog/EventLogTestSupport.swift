@testable import Lab

/// A small Spark 4 event log written line by line: an application on local-cluster[2,2]
/// with one job of a 2-task map stage and a 1-task result stage, then a second job that
/// skips the map stage; partition 1 of the map stage fails once with an exception.
enum SyntheticLog {
    static func task(stage: Int, index: Int, attempt: Int = 0, id: Int, launch: Int64, finish: Int64, run: Int64,
                     reason: String = "Success", written: Int64 = 0, executor: String = "0") -> String {
        """
        {"Event":"SparkListenerTaskEnd","Stage ID":\(stage),"Stage Attempt ID":0,"Task Type":"ShuffleMapTask",\
        "Task End Reason":{"Reason":"\(reason)"},"Task Info":{"Task ID":\(id),"Index":\(index),"Attempt":\(attempt),\
        "Partition ID":\(index),"Launch Time":\(launch),"Executor ID":"\(executor)","Host":"localhost",\
        "Locality":"PROCESS_LOCAL","Speculative":false,"Getting Result Time":0,"Finish Time":\(finish),\
        "Failed":\(reason == "Success" ? "false" : "true"),"Killed":false,"Accumulables":[]},\
        "Task Metrics":{"Executor Deserialize Time":3,"Executor Run Time":\(run),"Executor CPU Time":1000000,\
        "Result Size":1000,"Result Serialization Time":0,"Shuffle Write Metrics":{"Shuffle Bytes Written":\(written)}}}
        """
    }

    static func stageInfo(_ stage: Int, tasks: Int, parents: [Int], rdd: Int, submitted: Int64? = nil,
                          completed: Int64? = nil) -> String {
        var text = "{\"Stage ID\":\(stage),\"Stage Attempt ID\":0,\"Stage Name\":\"s\(stage)\",\"Number of Tasks\":\(tasks),"
            + "\"RDD Info\":[{\"RDD ID\":\(rdd),\"Name\":\"r\",\"Barrier\":false}],\"Parent IDs\":\(parents),"
            + "\"Resource Profile Id\":0"
        if let submitted { text += ",\"Submission Time\":\(submitted)" }
        if let completed { text += ",\"Completion Time\":\(completed)" }
        return text + "}"
    }

    static var lines: [String] {
        [
            #"{"Event":"SparkListenerLogStart","Spark Version":"4.3.0"}"#,
            #"{"Event":"SparkListenerApplicationStart","App Name":"tiny app","App ID":"app-1","Timestamp":1000,"User":"u"}"#,
            #"{"Event":"SparkListenerEnvironmentUpdate","Spark Properties":{"spark.master":"local-cluster[2,2,1024]","spark.locality.wait":"0","spark.app.name":"tiny app"},"JVM Information":{}}"#,
            #"{"Event":"SparkListenerExecutorAdded","Timestamp":1500,"Executor ID":"0","Executor Info":{"Host":"localhost","Total Cores":2,"Log Urls":{}}}"#,
            #"{"Event":"SparkListenerSomethingNew","x":1}"#,
            "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":0,\"Submission Time\":2000,\"Stage Infos\":["
                + stageInfo(0, tasks: 2, parents: [], rdd: 1) + "," + stageInfo(1, tasks: 1, parents: [0], rdd: 2)
                + "],\"Stage IDs\":[0,1],\"Properties\":{}}",
            "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":" + stageInfo(0, tasks: 2, parents: [], rdd: 1, submitted: 2010) + "}",
            task(stage: 0, index: 0, id: 0, launch: 2020, finish: 3020, run: 990, written: 100),
            task(stage: 0, index: 1, id: 1, launch: 2020, finish: 2520, run: 480, reason: "ExceptionFailure"),
            task(stage: 0, index: 1, attempt: 1, id: 2, launch: 2525, finish: 3525, run: 980, written: 300),
            "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":" + stageInfo(0, tasks: 2, parents: [], rdd: 1, submitted: 2010, completed: 3530) + "}",
            "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":" + stageInfo(1, tasks: 1, parents: [0], rdd: 2, submitted: 3531) + "}",
            task(stage: 1, index: 0, id: 3, launch: 3540, finish: 4040, run: 480),
            "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":" + stageInfo(1, tasks: 1, parents: [0], rdd: 2, submitted: 3531, completed: 4045) + "}",
            #"{"Event":"SparkListenerJobEnd","Job ID":0,"Completion Time":4050,"Job Result":{"Result":"JobSucceeded"}}"#,
            "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":1,\"Submission Time\":4150,\"Stage Infos\":["
                + stageInfo(2, tasks: 2, parents: [], rdd: 1) + "," + stageInfo(3, tasks: 1, parents: [2], rdd: 3)
                + "],\"Stage IDs\":[2,3],\"Properties\":{\"spark.jobGroup.id\":\"second\"}}",
            "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":" + stageInfo(3, tasks: 1, parents: [2], rdd: 3, submitted: 4160) + "}",
            task(stage: 3, index: 0, id: 4, launch: 4170, finish: 4670, run: 490),
            "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":" + stageInfo(3, tasks: 1, parents: [2], rdd: 3, submitted: 4160, completed: 4675) + "}",
            #"{"Event":"SparkListenerJobEnd","Job ID":1,"Completion Time":4680,"Job Result":{"Result":"JobSucceeded"}}"#,
            #"{"Event":"SparkListenerApplicationEnd","Timestamp":4800}"#,
        ]
    }

    static var text: String { lines.joined(separator: "\n") + "\n" }

    static func record(_ text: String = text) throws -> SparkApplicationRecord {
        var source = InMemoryEventLog(file: "app.log", text: text)
        return try SparkApplicationRecord.read(&source)
    }
}
