fn main() -> std::process::ExitCode {
    bilateral_digest::cli::main()
}
