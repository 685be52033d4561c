/** Text to vectors: all-MiniLM-L6-v2 in process (int8 by default, fp32 by config), or an Ollama embedding model. */
package io.kubemate.rag.embed;
