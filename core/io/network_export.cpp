#include "io/network_export.h"

#include "base/enum_names.h"
#include "base/shortest_decimal.h"
#include "base/version.h"
#include "io/npz_archive.h"
#include "networks/alista_weights.h"

#include <cctype>
#include <cstdio>
#include <set>

namespace unfold {

namespace {

constexpr NameTable<ExportFormat, 2> kFormatNames{{{ExportFormat::Numpy, "numpy"}, {ExportFormat::Torch, "torch"}}};

Matrix scalar(double value) { return Matrix::Constant(1, 1, value); }

// The learned arrays by name; layer t's are suffixed _t. D (and ALISTA's fixed W) are not learned.
std::vector<std::pair<std::string, Matrix>> weightArrays(const NetworkFile& file, const Matrix& D) {
  std::vector<std::pair<std::string, Matrix>> arrays{{"D", D}, {"lam", scalar(file.lambda)}};
  if (file.weights.kind == Parametrization::Alista) arrays.emplace_back("W", alistaWeights(D));
  for (size_t t = 0; t < file.weights.layers.size(); ++t) {
    const LayerWeights& layer = file.weights.layers[t];
    const std::string suffix = std::string("_").append(std::to_string(t));
    switch (file.weights.kind) {
      case Parametrization::Lista:
        arrays.emplace_back("Wz" + suffix, layer.Wz);
        arrays.emplace_back("Wx" + suffix, layer.Wx);
        arrays.emplace_back("theta" + suffix, layer.theta);
        break;
      case Parametrization::ListaCp:
        arrays.emplace_back("W" + suffix, layer.W);
        arrays.emplace_back("theta" + suffix, layer.theta);
        break;
      case Parametrization::Alista:
        arrays.emplace_back("gamma" + suffix, scalar(layer.step));
        arrays.emplace_back("theta" + suffix, scalar(layer.theta(0)));
        break;
      case Parametrization::Slista: arrays.emplace_back("alpha" + suffix, scalar(layer.step)); break;
    }
  }
  return arrays;
}

// One layer of the forward pass on rows (Z: N x m, X: N x n; the network's column form transposed),
// the same text for NumPy and torch; p(name, t) is layer t's learned array.
std::string layerStep(Parametrization kind, const std::string& indent) {
  switch (kind) {
    case Parametrization::Lista:
      return indent + "U = Z @ p('Wz', t).T + X @ p('Wx', t).T\n" + indent + "Z = soft_threshold(U, lam * p('theta', t).reshape(-1))\n";
    case Parametrization::ListaCp:
      return indent + "U = Z - (Z @ D.T - X) @ p('W', t)\n" + indent + "Z = soft_threshold(U, lam * p('theta', t).reshape(-1))\n";
    case Parametrization::Alista:
      return indent + "U = Z - p('gamma', t).reshape(()) * ((Z @ D.T - X) @ W)\n" + indent +
             "Z = soft_threshold(U, lam * p('theta', t).reshape(()))\n";
    case Parametrization::Slista:
      return indent + "alpha = p('alpha', t).reshape(())\n" + indent + "U = Z - alpha * ((Z @ D.T - X) @ D)\n" + indent +
             "Z = soft_threshold(U, lam * alpha)\n";
  }
  return {};
}

std::string docstring(const NetworkFile& file, const std::string& moduleName, const std::string& sourceName, const char* needs) {
  char text[512];
  std::snprintf(text, sizeof text,
                "\"\"\"%s network exported by Unfold Lab %s from %s: %d layers, n = %lld, m = %lld, lambda = %s.\n\n"
                "forward(X) takes signals as rows (N x n) and returns the codes as rows (N x m), as\n"
                "`unfoldlab eval --codes` does. Needs %s; the weights are in %s.npz next to this file.\n\"\"\"\n",
                parametrizationLabel(file.weights.kind).c_str(), kVersion, sourceName.c_str(), file.weights.layerCount(),
                static_cast<long long>(file.n), static_cast<long long>(file.m), shortestDecimal(file.lambda).c_str(), needs, moduleName.c_str());
  return text;
}

std::string numpyModule(const NetworkFile& file, const std::string& moduleName, const std::string& sourceName) {
  std::string py = docstring(file, moduleName, sourceName, "NumPy only");
  py += "import os\n\nimport numpy as np\n\n";
  py += "KIND = \"" + parametrizationName(file.weights.kind) + "\"\nLAYERS = " + std::to_string(file.weights.layerCount()) + "\n";
  py += "WEIGHTS = dict(np.load(os.path.join(os.path.dirname(os.path.abspath(__file__)), \"" + moduleName + ".npz\")))\n";
  py += "D = WEIGHTS[\"D\"]\n";
  if (file.weights.kind == Parametrization::Alista) py += "W = WEIGHTS[\"W\"]  # ALISTA's fixed analytic weights\n";
  py += "\n\ndef soft_threshold(u, tau):\n    return u - np.clip(u, -tau, tau)\n\n\n";
  py += "def forward(X):\n    X = np.atleast_2d(np.asarray(X, dtype=np.float64))\n";
  py += "    lam = WEIGHTS[\"lam\"].reshape(())\n";
  py += "    p = lambda name, t: WEIGHTS[f\"{name}_{t}\"]\n";
  py += "    Z = np.zeros((X.shape[0], D.shape[1]))\n    for t in range(LAYERS):\n";
  py += layerStep(file.weights.kind, "        ");
  py += "    return Z\n";
  return py;
}

std::string torchModule(const NetworkFile& file, const std::string& moduleName, const std::string& sourceName) {
  std::string py = docstring(file, moduleName, sourceName, "NumPy and PyTorch");
  py += "import os\n\nimport numpy as np\nimport torch\n\n";
  py += "KIND = \"" + parametrizationName(file.weights.kind) + "\"\nLAYERS = " + std::to_string(file.weights.layerCount()) + "\n\n\n";
  py += "def soft_threshold(u, tau):\n    return u - torch.maximum(torch.minimum(u, tau), -tau)\n\n\n";
  py += "class Network(torch.nn.Module):\n";
  py += "    \"\"\"The learned steps, thresholds and matrices are torch.nn.Parameters: train it further at will.\"\"\"\n\n";
  py += "    def __init__(self):\n        super().__init__()\n";
  py += "        weights = np.load(os.path.join(os.path.dirname(os.path.abspath(__file__)), \"" + moduleName + ".npz\"))\n";
  py += "        self.register_buffer(\"D\", torch.from_numpy(weights[\"D\"]))\n";
  py += "        self.register_buffer(\"lam\", torch.from_numpy(weights[\"lam\"]).reshape(()))\n";
  if (file.weights.kind == Parametrization::Alista) py += "        self.register_buffer(\"W\", torch.from_numpy(weights[\"W\"]))\n";
  py += "        self.learned = torch.nn.ParameterDict({name: torch.nn.Parameter(torch.from_numpy(weights[name]))\n"
        "                                              for name in weights.files if name not in (\"D\", \"lam\", \"W\")})\n\n";
  py += "    def forward(self, X):\n        X = torch.as_tensor(X, dtype=torch.float64)\n        X = X.reshape(1, -1) if X.dim() == 1 else X\n";
  py += "        D, lam = self.D, self.lam\n";
  if (file.weights.kind == Parametrization::Alista) py += "        W = self.W\n";
  py += "        p = lambda name, t: self.learned[f\"{name}_{t}\"]\n";
  py += "        Z = X.new_zeros((X.shape[0], D.shape[1]))\n        for t in range(LAYERS):\n";
  py += layerStep(file.weights.kind, "            ");
  py += "        return Z\n\n\n";
  py += "def load():\n    return Network()\n\n\ndef forward(X):\n    with torch.no_grad():\n        return load()(X).numpy()\n";
  return py;
}

}  // namespace

std::optional<ExportFormat> parseExportFormat(std::string_view name) { return valueNamed(kFormatNames, name); }

std::string pythonModuleName(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  if (const size_t dot = base.find('.'); dot != std::string::npos && dot > 0) base.resize(dot);
  std::string name;
  for (const char c : base) name += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name = "network_" + name;
  // A keyword cannot be imported ("import class" is a syntax error): PEP 8's trailing underscore.
  static const std::set<std::string> keywords{"False", "None", "True", "and", "as", "assert", "async", "await", "break",
                                              "class", "continue", "def", "del", "elif", "else", "except", "finally",
                                              "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
                                              "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};
  if (keywords.contains(name)) name += '_';
  return name;
}

std::vector<ExportedFile> exportNetwork(const NetworkFile& file, const Matrix& D, ExportFormat format,
                                        const std::string& moduleName, const std::string& sourceName) {
  const std::string module = format == ExportFormat::Numpy ? numpyModule(file, moduleName, sourceName)
                                                          : torchModule(file, moduleName, sourceName);
  return {{moduleName + ".py", module}, {moduleName + ".npz", formatNpzArchive(weightArrays(file, D))}};
}

}  // namespace unfold
