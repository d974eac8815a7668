// Finds the domains of a repository: every `<Folder>/JS/*.jsapi` declaration next to the Swift module
// it names (`<Folder>/Sources/<Module>/**/*.swift`, DocC catalogues excluded). Several files of one
// folder that declare the same `domain` are merged into that domain's one chunk.

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
      // Every file of the folder that declares the same domain goes into that domain's one chunk.
      var groups: [(specs: [APISpec], paths: [String])] = []
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
        if let index = groups.firstIndex(where: { $0.specs[0].domain == spec.domain }) {
          groups[index].specs.append(spec)
          groups[index].paths.append(relative)
        } else {
          groups.append(([spec], [relative]))
        }
      }
      for group in groups {
        let relative = group.paths.joined(separator: ", ")
        let spec: APISpec
        do {
          spec = try APISpec.merging(group.specs)
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
        var domain = DomainSource(spec: spec, declarationPaths: group.paths, sourceFiles: sources.sorted())
        for module in spec.jsModules {
          guard fileManager.fileExists(atPath: repository + "/" + folder + "/" + module) else {
            throw BuildError("\(relative): no JS module \(folder)/\(module)")
          }
          if fileManager.fileExists(atPath: repository + "/" + folder + "/" + APISpec.declarationName(module)) {
            domain.typedModules.append(module)
          }
        }
        domains.append(domain)
      }
    }
    return domains
  }

  /// The named domains and everything they depend on (all domains when `names` is empty).
  ///
  /// ```swift
  /// let some = try Workspace.select(["probeclient"], from: domains)   // probeclient, probe, simdkit
  /// ```
  /// - Complexity: O(domains²), domains being few.
  public static func select(_ names: [String], from domains: [DomainSource]) throws(BuildError) -> [DomainSource] {
    guard !names.isEmpty else { return domains }
    var wanted: Set<String> = []
    var pending = names
    while let name = pending.popLast() {
      guard let domain = domains.first(where: { $0.spec.domain == name }) else {
        throw BuildError("no domain '\(name)' (domains: \(domains.map(\.spec.domain).joined(separator: ", ")))")
      }
      if wanted.insert(name).inserted { pending += domain.spec.depends }
    }
    return domains.filter { wanted.contains($0.spec.domain) }
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
