// Finds the domains of a repository: every `<Folder>/JS/*.jsapi` declaration next to the Swift module
// it names (`<Folder>/Sources/<Module>/**/*.swift`, DocC catalogues excluded).

import Foundation

/// Domain discovery on disk.
///
/// ```swift
/// let domains = try Workspace.discover(repository: "/src/ruvswarm")
/// // [DomainSource(spec: simdkit…, declarationPath: "SIMDKit/JS/SIMDKit.jsapi", sourceFiles: […])]
/// ```
public enum Workspace {
  /// Discovers the domains in the repository's top-level folders plus `extraFolders` (paths
  /// relative to the repository, used by the tests for fixture domains).
  /// - Complexity: O(files in the domains' source trees).
  public static func discover(repository: String, extraFolders: [String] = []) throws(BuildError) -> [DomainSource] {
    let fileManager = FileManager.default
    let top = ((try? fileManager.contentsOfDirectory(atPath: repository)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    var domains: [DomainSource] = []
    for folder in top + extraFolders {
      let jsDirectory = repository + "/" + folder + "/JS"
      let declarations = ((try? fileManager.contentsOfDirectory(atPath: jsDirectory)) ?? []).filter { $0.hasSuffix(".jsapi") }.sorted()
      for declaration in declarations {
        let relative = folder + "/JS/" + declaration
        guard let data = fileManager.contents(atPath: repository + "/" + relative) else {
          throw BuildError("cannot read \(relative)")
        }
        let spec: APISpec
        do {
          spec = try APISpec(parsing: String(decoding: data, as: UTF8.self))
        } catch {
          throw BuildError("\(relative): \(error.description)")
        }
        let sourceRoot = folder + "/Sources/" + spec.module
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: repository + "/" + sourceRoot, isDirectory: &isDirectory), isDirectory.boolValue,
          let enumerator = fileManager.enumerator(atPath: repository + "/" + sourceRoot)
        else {
          throw BuildError("\(relative): module \(spec.module) has no folder \(sourceRoot)")
        }
        var sources: [String] = []
        while let item = enumerator.nextObject() as? String {
          if item.contains(".docc") { continue }
          if item.hasSuffix(".swift") { sources.append(sourceRoot + "/" + item) }
        }
        guard !sources.isEmpty else { throw BuildError("\(relative): \(sourceRoot) has no Swift files") }
        domains.append(DomainSource(spec: spec, declarationPath: relative, sourceFiles: sources.sorted()))
      }
    }
    return domains
  }

  /// The repository root: the nearest ancestor of `start` holding both `Bundler/` and `Package.swift`.
  public static func repositoryRoot(from start: String) -> String? {
    var url = URL(fileURLWithPath: start).standardizedFileURL
    while true {
      let path = url.path
      if FileManager.default.fileExists(atPath: path + "/Bundler/Package.swift")
        && FileManager.default.fileExists(atPath: path + "/Package.swift")
      {
        return path
      }
      let parent = url.deletingLastPathComponent()
      if parent.path == path { return nil }
      url = parent
    }
  }
}
