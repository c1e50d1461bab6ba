// Temporary files that a fatal signal would leave behind. A process ended by SIGTERM or Ctrl-C runs no
// destructors, so without this an interrupted `solve` would leave its hidden outputs (".Z.csv.a1B2c3",
// megabytes each) next to the real ones. Each temporary file is registered while it exists; the command
// line's handler for the signals that end a process calls removeRegisteredTemporaries() before it lets
// the signal do so.
#pragma once

namespace unfold {

// `path` must stay valid until forgetTemporary(path). At most 64 at a time are registered (a command
// writes a handful); beyond that a file is left to its owner's destructor alone.
void registerTemporary(const char* path);
void forgetTemporary(const char* path);
// Unlinks every registered file. Async-signal-safe: lock-free atomics and unlink(2) only.
void removeRegisteredTemporaries() noexcept;

}  // namespace unfold
