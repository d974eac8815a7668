// notebook-gen: turns one Markdown notebook into a Swift Testing file. All logic is in NotebookCore.
import Foundation
import NotebookCore

exit(NotebookTool.main(arguments: CommandLine.arguments) { message in
  FileHandle.standardError.write(Data((message + "\n").utf8))
})
