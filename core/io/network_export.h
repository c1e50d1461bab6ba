// A trained network as Python code a user can take anywhere: a module with forward(X) (signals as rows,
// codes as rows, exactly `unfoldlab eval --codes`) and its weights in a .npz next to it. NumPy only, or a
// torch.nn.Module whose parameters are the learned ones (trainable further).
#pragma once

#include "io/network_file.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unfold {

enum class ExportFormat { Numpy, Torch };
std::optional<ExportFormat> parseExportFormat(std::string_view name);  // numpy, torch

struct ExportedFile {
  std::string name;  // NAME.py or NAME.npz
  std::string contents;
};

// A Python identifier from a file path: its base name without extension, other characters as '_', a
// keyword with a trailing '_' (class_).
std::string pythonModuleName(const std::string& path);

// `D` is the dictionary the network was trained for (checked by the caller, checkDictionary).
std::vector<ExportedFile> exportNetwork(const NetworkFile& file, const Matrix& D, ExportFormat format,
                                        const std::string& moduleName, const std::string& sourceName);

}  // namespace unfold
