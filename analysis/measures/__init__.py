"""One plan to what a manager reads: workload and balance, the matrix, the timeline, the network,
the audit, and the sentences that say them."""
