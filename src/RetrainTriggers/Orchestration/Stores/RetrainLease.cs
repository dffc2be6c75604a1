namespace RetrainTriggers.Orchestration;

/// <summary>The right to run a pipeline, held by one owner until it expires, with a fencing token that orders every holder.</summary>
/// <param name="PipelineName">The pipeline the lease is for.</param>
/// <param name="Owner">The holder's identity (unique per pipeline instance).</param>
/// <param name="FencingToken">A number greater than every token issued before for this pipeline; writes carrying an older token are refused.</param>
/// <param name="ExpiresAt">When the lease lapses unless renewed.</param>
public sealed record RetrainLease(string PipelineName, string Owner, long FencingToken, DateTimeOffset ExpiresAt);
